package org.crmhub.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.GraphQLSchema;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * The hub's one store of parsed and validated documents. Clients send the same few documents
 * over and over; parsing and validating each against the schema costs more than many of the reads
 * themselves. graphql-java takes a single {@link PreparsedDocumentProvider}, so this is also where
 * persisted documents will live. A document that fails to parse or validate is cached with its
 * errors too (it fails the same way every time, in the same language), within the same size bound.
 * Keys are the document and the language of the request.
 */
@Configuration(proxyBeanMethods = false)
public class DocumentCache implements PreparsedDocumentProvider {

    private final Cache<String, PreparsedDocumentEntry> documents;
    private final ObjectProvider<GraphQlSource> graphQlSource;

    DocumentCache(@Value("${hub.graphql.document-cache-size:2000}") int size, ObjectProvider<GraphQlSource> graphQlSource) {
        this.documents = Caffeine.newBuilder().maximumSize(size).build();
        this.graphQlSource = graphQlSource;
    }

    @Bean
    GraphQlSourceBuilderCustomizer cachedDocuments() {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        // a failure's messages are in the request's language, so the language is part of the key
        return CompletableFuture.completedFuture(documents.get(key(input.getQuery(), input.getLocale()),
                key -> parseAndValidate.apply(input)));
    }

    private static String key(String query, Locale language) {
        return (language == null ? "" : language.getLanguage()) + "\u0000" + query;
    }

    /** The parsed and validated document of {@code query}, from the cache, as graphql-java itself would get it. */
    public PreparsedDocumentEntry parsedAndValidated(String query) {
        return documents.get(key(query, Locale.ENGLISH), key -> {
            GraphQLSchema schema = schema();
            ParseAndValidateResult result = ParseAndValidate.parseAndValidate(schema,
                    ExecutionInput.newExecutionInput(query).locale(Locale.ENGLISH).build());
            return result.isFailure() ? new PreparsedDocumentEntry(result.getErrors()) : new PreparsedDocumentEntry(result.getDocument());
        });
    }

    public GraphQLSchema schema() {
        return graphQlSource.getObject().schema();
    }
}
