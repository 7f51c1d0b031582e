package io.updraft.gateway;

import java.util.Locale;

/** JSON or XML, chosen by the Format parameter (any case), else the Accept header, else XML as Alibaba documents. */
public enum ResponseFormat {
    JSON, XML;

    /** @return the format, or null when a Format parameter names neither JSON nor XML */
    public static ResponseFormat choose(String formatParameter, String acceptHeader) {
        if (formatParameter != null && !formatParameter.isEmpty()) {
            return switch (formatParameter.toUpperCase(Locale.ROOT)) {
                case "JSON" -> JSON;
                case "XML" -> XML;
                default -> null;
            };
        }
        if (acceptHeader != null) {
            String accept = acceptHeader.toLowerCase(Locale.ROOT);
            if (accept.contains("json")) {
                return JSON;
            }
            if (accept.contains("xml")) {
                return XML;
            }
        }
        return XML;
    }

    /** Exactly these strings: the Tea SDK parses an XML error only with {@code text/xml;charset=utf-8}. */
    public String contentType() {
        return this == JSON ? "application/json;charset=utf-8" : "text/xml;charset=utf-8";
    }
}
