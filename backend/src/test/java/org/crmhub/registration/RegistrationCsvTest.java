package org.crmhub.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The CSV export's bytes: a UTF-8 byte-order mark, headers in the reader's language, CRLF lines,
 * quoting by the CSV writer, and no cell a spreadsheet would run as a formula.
 */
class RegistrationCsvTest {

    private static Registrations.ExportRow row(String name, String email, String role, String status, Long position) {
        return new Registrations.ExportRow(new Registration(UUID.randomUUID(), 1, UUID.randomUUID(), "task", UUID.randomUUID(),
                name, email, role, status, null, false, "x", OffsetDateTime.parse("2031-05-01T10:00:00Z"),
                OffsetDateTime.parse("2031-05-01T10:00:00Z")), "Red de Apoyo, \"Norte\"", position);
    }

    @Test
    void cellsThatStartAFormulaAreDefused() {
        for (String dangerous : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1")) {
            assertThat(RegistrationExport.cell(dangerous)).as(dangerous).startsWith("'").endsWith(dangerous);
        }
        assertThat(RegistrationExport.cell("Ana")).isEqualTo("Ana");
        assertThat(RegistrationExport.cell("a=b")).isEqualTo("a=b");
        assertThat(RegistrationExport.cell(null)).isEmpty();
    }

    @Test
    void theFileIsUtf8WithABomQuotedAndInTheReadersLanguage() {
        byte[] bytes = RegistrationExport.csv(List.of(row("=cmd|' /C calc'!A0", "a@example.org", "Coordinadora, sede \"Sur\"",
                "WAITLISTED", 2L), row("Zoë Ñandú", "z@example.org", null, "CONFIRMED", null)), Locale.forLanguageTag("es"));
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n");
        assertThat(lines[0]).startsWith("Nombre,\"Correo electrónico\",Cargo,Organización,Estado");
        assertThat(lines[1]).startsWith("\"'=cmd|' /C calc'!A0\",a@example.org,\"Coordinadora, sede \"\"Sur\"\"\","
                + "\"Red de Apoyo, \"\"Norte\"\"\",WAITLISTED,2,,2031-05-01T10:00:00Z");
        assertThat(lines[2]).startsWith("\"Zoë Ñandú\",z@example.org,,");
        assertThat(text).endsWith("\r\n");
        assertThat(new String(RegistrationExport.csv(List.of(), Locale.ENGLISH), StandardCharsets.UTF_8))
                .contains("Name,E-mail,Role,Organisation,Status,\"Waiting position\",\"Cancellation reason\",\"Registered at\"");
    }
}
