package io.updraft.error;

import java.util.Map;

/** A failure with a documented code; the gateway renders it, whoever threw it. */
public class ApiException extends RuntimeException {
    private final ErrorCode error;
    private final String code;
    private final transient Map<String, Object> extra;

    public ApiException(ErrorCode error, Object... args) {
        this(error, Map.of(), args);
    }

    public ApiException(ErrorCode error, Map<String, Object> extra, Object... args) {
        super(format(error.messageTemplate(), args), null, false, false);
        this.error = error;
        this.code = error.code().contains("%s") && args.length > 0
                ? String.format(error.code(), args[0]) : error.code();
        this.extra = extra;
    }

    private static String format(String template, Object... args) {
        return template.contains("%s") ? String.format(template, args) : template;
    }

    public static ApiException missing(String parameter) {
        return new ApiException(ErrorCode.MISSING_PARAMETER, parameter);
    }

    public static ApiException invalid(String parameter) {
        return new ApiException(ErrorCode.INVALID_PARAMETER, parameter);
    }

    public ErrorCode error() { return error; }
    public String code() { return code; }
    public int httpStatus() { return error.httpStatus(); }
    public boolean isGateway() { return error.isGateway(); }
    /** Extra top-level fields of a gateway error body, e.g. AccessDeniedDetail. */
    public Map<String, Object> extra() { return extra; }
}
