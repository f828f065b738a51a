package org.crmhub.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PostgreSQL's JSON, written as graphql-java writes it: no blanks between tokens, strings untouched. */
class CompactJsonTest {

    @Test
    void blanksBetweenTokensGoAndBlanksInsideStringsStay() {
        String postgres = "{\"workPlan\" : {\"title\" : \"Plan  of 2030\", \"tasks\" : [{\"a\" : 1}, \n {\"a\" : null}]}}";
        assertThat(CompiledReads.compact(postgres))
                .isEqualTo("{\"workPlan\":{\"title\":\"Plan  of 2030\",\"tasks\":[{\"a\":1},{\"a\":null}]}}");
    }

    @Test
    void escapedQuotesAndBackslashesDoNotEndAString() {
        String postgres = "{\"t\" : \"say \\\"hi , there\\\" \\\\ \", \"u\" : \"\\\\\"}";
        assertThat(CompiledReads.compact(postgres)).isEqualTo("{\"t\":\"say \\\"hi , there\\\" \\\\ \",\"u\":\"\\\\\"}");
    }
}
