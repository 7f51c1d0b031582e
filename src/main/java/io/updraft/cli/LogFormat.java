package io.updraft.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

import java.net.URL;

/**
 * Switches the log to the chosen format before the server logs anything: {@code text} is {@code logback.xml} (read at
 * start-up), {@code json} reloads the same logger levels with logback's own JSON encoder ({@code logback-json.xml}):
 * one JSON object per line, the request's RequestId in {@code mdc.requestId}.
 */
final class LogFormat {
    private LogFormat() {
    }

    static void apply(String format) {
        if (format.equals("text")) {
            return;
        }
        URL config = LogFormat.class.getResource("/logback-json.xml");
        if (config == null) {
            throw new IllegalStateException("logback-json.xml is missing from the jar");
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure the JSON log", e);
        }
    }
}
