package org.crmhub.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fonts of report documents, shipped in the jar (report/fonts/, DejaVu Sans, see LICENSE
 * there): the PDF embeds them and the charts draw with them, so a document never depends on the
 * fonts of the machine that renders it.
 */
final class ReportFonts {

    /** The CSS family name the HTML asks for and the PDF renderer knows the shipped files by. */
    static final String FAMILY = "DejaVu Sans";
    static final String REGULAR_FILE = "report/fonts/DejaVuSans.ttf";
    static final String BOLD_FILE = "report/fonts/DejaVuSans-Bold.ttf";

    /** For the charts (Java2D), read once. */
    static final Font REGULAR = load(REGULAR_FILE);
    static final Font BOLD = load(BOLD_FILE);

    private ReportFonts() {
    }

    static InputStream open(String file) {
        InputStream in = ReportFonts.class.getClassLoader().getResourceAsStream(file);
        if (in == null) {
            throw new IllegalStateException("The report font " + file + " is missing from the jar");
        }
        return in;
    }

    private static Font load(String file) {
        try (InputStream in = open(file)) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("The report font " + file + " does not load", e);
        }
    }
}
