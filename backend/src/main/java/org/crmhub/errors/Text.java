package org.crmhub.errors;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A sentence a person reads: a key of {@code i18n/messages*.properties} and its arguments, put
 * into words in the reader's language when the answer is written ({@link #in}). An argument that
 * is itself a {@code Text} is put into words in the same language.
 */
public record Text(String key, List<Object> args) {

    private static final String BUNDLE = "i18n/messages";
    /** English is the base bundle; the server's own locale never decides. */
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    public static Text of(String key, Object... args) {
        return new Text(key, Arrays.asList(args));
    }

    public String in(Locale language) {
        Locale locale = language == null ? Locale.ENGLISH : language;
        String pattern = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key);
        Object[] values = args.stream().map(a -> a instanceof Text text ? text.in(locale) : a).toArray();
        return new MessageFormat(pattern, locale).format(values);
    }

    /** In English: for logs and for exceptions' own messages. */
    @Override
    public String toString() {
        return in(Locale.ENGLISH);
    }
}
