package vn.ehealth.nhr.ig.site;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Small HTML helpers for the guide site. Every piece of text that comes from a resource goes
 * through {@link #esc}; the pages never concatenate unescaped content.
 */
final class Html {

    static final String STYLESHEET = "style.css";

    private Html() {
    }

    /** Escapes text for element content and attribute values; null becomes the empty string. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code <a href="page">text</a>}; both escaped. */
    static String link(String href, String text) {
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    /** A link when the page is known, else the text in {@code <code>}. */
    static String linkOrCode(String href, String text) {
        return href == null ? code(text) : "<a href=\"" + esc(href) + "\"><code>" + esc(text) + "</code></a>";
    }

    static String code(String text) {
        return "<code>" + esc(text) + "</code>";
    }

    /** A table cell with escaped text. */
    static String td(String text) {
        return "<td>" + esc(text) + "</td>";
    }

    /** A table cell whose content is already HTML. */
    static String tdHtml(String html) {
        return "<td>" + (html == null ? "" : html) + "</td>";
    }

    /** A header row of escaped titles. */
    static String headerRow(String... titles) {
        StringBuilder row = new StringBuilder("<tr>");
        for (String t : titles) {
            row.append("<th>").append(esc(t)).append("</th>");
        }
        return row.append("</tr>\n").toString();
    }

    /** Escaped items joined by a separator of HTML. */
    static String joinEscaped(Collection<String> items, String htmlSeparator) {
        return items.stream().map(Html::esc).collect(Collectors.joining(htmlSeparator));
    }

    /** Definition-list style metadata row: label (escaped), value (HTML). */
    static String metaRow(String label, String valueHtml) {
        return "<tr><th scope=\"row\">" + esc(label) + "</th><td>" + valueHtml + "</td></tr>\n";
    }

    /** A whole page: head with the shared stylesheet, a header with the guide's name, the body. */
    static String page(String title, String guideTitle, String version, String body) {
        return "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + esc(title) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + STYLESHEET + "\">\n</head>\n<body>\n"
                + "<header><a class=\"home\" href=\"index.html\">" + esc(guideTitle) + "</a>"
                + " <span class=\"version\">" + esc(version) + "</span></header>\n<main>\n"
                + body
                + "</main>\n<footer>Bộ Y tế — Hồ sơ sức khỏe điện tử quốc gia (FHIR R4). "
                + "Trang được sinh tự động từ gói <code>vn.ehealth.nhr</code> khi build. "
                + "Generated from the package at build time.</footer>\n</body>\n</html>\n";
    }
}
