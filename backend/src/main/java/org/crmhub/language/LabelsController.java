package org.crmhub.language;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLSchema;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The request's language, and the labels of the schema's enum values in it (i18n/labels*.properties). */
@Controller
class LabelsController {

    record EnumValueLabel(String value, String label) {
    }

    record EnumLabels(String name, List<EnumValueLabel> values) {
        /** The schema's field is {@code enum}, a Java keyword. */
        public String getEnum() {
            return name;
        }
    }

    private final MessageSource messages;

    LabelsController(MessageSource messages) {
        this.messages = messages;
    }

    @QueryMapping
    String language(DataFetchingEnvironment env) {
        return env.getLocale().getLanguage();
    }

    @QueryMapping
    List<EnumLabels> enumLabels(@Argument List<String> enums, DataFetchingEnvironment env) {
        return labels(env.getGraphQLSchema(), env.getLocale(), enums);
    }

    /** The labels of the schema's enums (introspection's left out), or of those named, in the given language. */
    List<EnumLabels> labels(GraphQLSchema schema, Locale language, List<String> enums) {
        return schema.getAllTypesAsList().stream()
                .filter(GraphQLEnumType.class::isInstance).map(GraphQLEnumType.class::cast)
                .filter(type -> !type.getName().startsWith("__"))
                .filter(type -> enums == null || enums.contains(type.getName()))
                .map(type -> new EnumLabels(type.getName(), type.getValues().stream()
                        .map(value -> new EnumValueLabel(value.getName(),
                                messages.getMessage(type.getName() + "." + value.getName(), null, language)))
                        .toList()))
                .toList();
    }
}
