package org.crmhub.registration;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.UUID;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.meeting.Meeting;
import org.crmhub.meeting.Meetings;
import org.crmhub.language.Languages;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.task.Tasks;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * {@code GET /events/{eventId}/registrations.csv}: an event's registrations as a spreadsheet, for
 * the roles that see all of them (ppt, government, st-crm, st-rrocm), with the bearer token of any
 * request. An event the viewer may not see answers 404 exactly as an unknown one; other roles get
 * 403. UTF-8 with a byte-order mark (spreadsheets then read accents right), CRLF lines, headers in
 * the reader's language, and no cell that a spreadsheet would run as a formula.
 */
@RestController
class RegistrationExport {

    /** English is the base bundle (i18n/export.properties); the server's own locale never decides. */
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator("\r\n");
    private static final List<String> HEADERS = List.of("name", "email", "role", "organisation", "status", "waitingPosition",
            "cancelReason", "registeredAt");

    private final Registrations registrations;
    private final Tasks tasks;
    private final Meetings meetings;

    RegistrationExport(Registrations registrations, Tasks tasks, Meetings meetings) {
        this.registrations = registrations;
        this.tasks = tasks;
        this.meetings = meetings;
    }

    @GetMapping("/events/{eventId}/registrations.csv")
    Mono<ResponseEntity<byte[]>> export(@PathVariable String eventId, @AuthenticationPrincipal Jwt jwt,
                                        ServerWebExchange exchange) {
        Viewer viewer = Viewer.fromJwt(jwt);
        Locale language = Languages.of(exchange.getRequest().getHeaders(), jwt);
        var id = GlobalId.parse(eventId).filter(g -> g.type() == ItemType.TASK || g.type() == ItemType.MEETING);
        if (id.isEmpty()) {
            return Mono.just(ResponseEntity.notFound().build());
        }
        // the event (a task or a meeting) through the viewer's visibility: an invisible one is unknown
        Mono<UUID> visibleEvent = id.get().type() == ItemType.TASK ? tasks.task(viewer, id.get().id()).map(Task::id)
                : meetings.meeting(viewer, id.get().id()).map(Meeting::id);
        return visibleEvent
                .flatMap(event -> {
                    if (VisibilityPolicy.registrants(viewer) != VisibilityPolicy.Registrants.ALL) {
                        return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).<byte[]>build());
                    }
                    return registrations.export(viewer, event).collectList()
                            .publishOn(Schedulers.boundedElastic())
                            .map(rows -> ResponseEntity.ok()
                                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                            .filename("registrations.csv").build().toString())
                                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                                    .body(csv(rows, language)));
                })
                .defaultIfEmpty(ResponseEntity.notFound().build())
                .contextWrite(ClearanceConnectionFactory.forViewer(viewer));
    }

    static byte[] csv(List<Registrations.ExportRow> rows, Locale language) {
        List<List<String>> lines = new ArrayList<>();
        ResourceBundle headers = ResourceBundle.getBundle("i18n/export", language == null ? Locale.ENGLISH : language, NO_FALLBACK);
        lines.add(HEADERS.stream().map(h -> headers.getString("csv.registrations." + h)).toList());
        for (Registrations.ExportRow row : rows) {
            Registration r = row.registration();
            List<String> line = new ArrayList<>();
            line.add(cell(r.name()));
            line.add(cell(r.email()));
            line.add(cell(r.role()));
            line.add(cell(row.organisationName()));
            line.add(r.status());
            line.add(row.waitingPosition() == null ? "" : row.waitingPosition().toString());
            line.add(r.cancelReason() == null ? "" : r.cancelReason());
            line.add(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.createdAt()));
            lines.add(line);
        }
        byte[] body = CSV.writer(SCHEMA).writeValueAsString(lines).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(body, 0, out, BOM.length, body.length);
        return out;
    }

    /**
     * A text cell that no spreadsheet runs as a formula: one that starts with = + - @ (or a tab or
     * carriage return, which some read past) gets a leading apostrophe. Quoting and escaping of
     * commas, quotes and line breaks is the CSV writer's.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
