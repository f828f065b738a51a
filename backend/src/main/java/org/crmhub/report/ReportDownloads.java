package org.crmhub.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.language.Languages;
import org.crmhub.report.ReportDocuments.Format;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report as a document to download: {@code GET /reports/{workPlanId}/{period}.pdf} (or
 * {@code .html}), {@code period} a quarter ({@code 2017-Q1}) or a range ({@code 2017-01-01..2017-03-31}),
 * optional {@code ?workstream=}; bearer token as for /graphql, in the request's language. And
 * {@code GET /reports/shared/{pdf|html}/{token}}: a signed link's civil-society edition, without a
 * token. Bad input answers the GraphQL query's typed errors as a JSON body ({@code errors} with
 * {@code message} and {@code extensions.code}/{@code field}) and a 4xx status; nothing is rendered.
 */
@RestController
class ReportDownloads {

    static final String SHARED = "/reports/shared/";

    private final Reports reports;
    private final ReportDocuments documents;
    private final ReportLinks links;
    private final PublishedReports published;

    ReportDownloads(Reports reports, ReportDocuments documents, ReportLinks links, PublishedReports published) {
        this.reports = reports;
        this.documents = documents;
        this.links = links;
        this.published = published;
    }

    /** The path of a published edition's stored document. */
    static String publishedPath(UUID id, Format format) {
        return "/reports/published/" + id + "." + format.extension;
    }

    /**
     * A published edition, byte for byte as stored, when the reader may read it (the governments'
     * edition only for cleared readers; nothing of a plan the reader may not see): NOT_FOUND otherwise.
     */
    @GetMapping("/reports/published/{id}.{format:pdf|html}")
    Mono<ResponseEntity<byte[]>> publishedDocument(@PathVariable String id, @PathVariable String format,
                                                   @RequestHeader HttpHeaders headers, @AuthenticationPrincipal Jwt token) {
        Locale language = Languages.of(headers, token);
        Viewer viewer = Viewer.fromJwt(token);
        Format wanted = Format.ofExtension(format);
        return Mono.defer(() -> {
            VisibilityPolicy.requireRead(viewer);
            UUID edition;
            try {
                edition = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw new UserErrorException(UserError.invalid(List.of("id"), "error.invalidId"));
            }
            return published.document(viewer, edition, wanted)
                    .contextWrite(ClearanceConnectionFactory.forViewer(viewer))
                    .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(List.of("id"))))
                    .map(stored -> ResponseEntity.ok()
                            .contentType(MediaType.parseMediaType(wanted.mediaType))
                            .header(HttpHeaders.CONTENT_LANGUAGE, stored.report().language())
                            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("report-"
                                    + stored.report().from().getYear() + "-" + new ReportPeriod(stored.report().from(),
                                    stored.report().to()).label() + "-" + stored.report().language() + "-"
                                    + stored.report().edition().toLowerCase(Locale.ROOT) + "." + wanted.extension).build().toString())
                            .cacheControl(CacheControl.noStore())
                            .body(stored.bytes()));
        }).onErrorResume(UserErrorException.class, e -> Mono.just(refusal(e, language)));
    }

    /** The path of a report's document, as the API's {@code pdfUrl} and {@code htmlUrl} give it. */
    static String path(UUID plan, ReportPeriod period, UUID workstream, Format format) {
        return "/reports/" + GlobalId.encode(ItemType.WORK_PLAN, plan) + "/" + period.label() + "." + format.extension
                + (workstream == null ? "" : "?workstream=" + GlobalId.encode(ItemType.WORKSTREAM, workstream));
    }

    /** The path of a signed link's document. */
    static String sharedPath(String token, Format format) {
        return SHARED + format.extension + "/" + token;
    }

    @GetMapping("/reports/{workPlanId}/{period:[0-9Q.-]+}.{format:pdf|html}")
    Mono<ResponseEntity<byte[]>> download(@PathVariable String workPlanId, @PathVariable String period,
                                          @PathVariable String format, @RequestParam(required = false) String workstream,
                                          @RequestHeader HttpHeaders headers, @AuthenticationPrincipal Jwt token) {
        Locale language = Languages.of(headers, token);
        Viewer viewer = Viewer.fromJwt(token);
        return Mono.defer(() -> {
            VisibilityPolicy.requireRead(viewer);
            UUID plan = GlobalId.require(workPlanId, ItemType.WORK_PLAN, List.of("workPlanId"));
            ReportPeriod days = ReportPeriod.parse(period);
            UUID ws = GlobalId.optional(workstream, ItemType.WORKSTREAM, List.of("workstreamId"));
            return render(viewer, plan, days, ws, language, Format.ofExtension(format));
        }).onErrorResume(UserErrorException.class, e -> Mono.just(refusal(e, language)));
    }

    @GetMapping(SHARED + "{format:pdf|html}/{token}")
    Mono<ResponseEntity<byte[]>> shared(@PathVariable String format, @PathVariable String token,
                                        @RequestHeader HttpHeaders headers) {
        Locale reader = Languages.of(headers, null);
        return Mono.defer(() -> {
            ReportLinks.Claims claims = links.verify(token);
            // rendered as civil society with no organisation: nothing reserved can be in it, and a
            // plan reserved since the link was made is not found
            return render(Edition.CIVIL_SOCIETY_READER, claims.workPlanId(), claims.period(), claims.workstreamId(),
                    claims.language(), Format.ofExtension(format));
        }).onErrorResume(UserErrorException.class, e -> Mono.just(refusal(e, reader)));
    }

    private Mono<ResponseEntity<byte[]>> render(Viewer viewer, UUID plan, ReportPeriod period, UUID workstream,
                                                Locale language, Format format) {
        return reports.document(viewer, plan, period, workstream)
                .contextWrite(ClearanceConnectionFactory.forViewer(viewer))
                .flatMap(data -> documents.render(data, Edition.of(viewer), language, links.now(), format)
                        .map(bytes -> ResponseEntity.ok()
                                .contentType(MediaType.parseMediaType(format.mediaType))
                                .header(HttpHeaders.CONTENT_LANGUAGE, language.getLanguage())
                                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                                        .filename(fileName(data, period, language, format), StandardCharsets.UTF_8).build().toString())
                                // what one viewer may read is not for a shared cache
                                .cacheControl(CacheControl.noStore())
                                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE + ", " + HttpHeaders.AUTHORIZATION)
                                .body(bytes)));
    }

    private static String fileName(ReportData data, ReportPeriod period, Locale language, Format format) {
        return "report-" + data.report().workPlan().cycle() + "-" + period.label() + "-" + language.getLanguage() + "." + format.extension;
    }

    /** The typed errors as GraphQL would write them, with the HTTP status their first code means. */
    static ResponseEntity<byte[]> refusal(UserErrorException e, Locale language) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (UserError error : e.errors()) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", error.code().name());
            if (error.field() != null) {
                extensions.put("field", error.field());
            }
            errors.add(Map.of("message", error.message(language), "extensions", extensions));
        }
        ErrorCode code = e.errors().isEmpty() ? ErrorCode.VALIDATION : e.errors().get(0).code();
        HttpStatus status = switch (code) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case VALIDATION -> HttpStatus.BAD_REQUEST;
            // registrations' codes (a report never raises them)
            case EVENT_FULL, REGISTRATION_CLOSED, ORGANISATION_LIMIT -> HttpStatus.CONFLICT;
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_LANGUAGE, language.getLanguage())
                .body(json(Map.of("errors", errors)).getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
}
