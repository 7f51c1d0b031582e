package io.updraft.gateway.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** What a capture's {@code NN-*.verify.txt} says the server must compute. */
record CaptureExpectation(String canonicalRequest, String stringToSign) {

    static CaptureExpectation load(String verifyFileName) {
        try (InputStream in = CaptureExpectation.class.getResourceAsStream("/captures/" + verifyFileName)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource /captures/" + verifyFileName);
            }
            List<String> lines = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
            int stringToSignAt = lines.indexOf("StringToSign:");
            int canonicalAt = lines.indexOf("CanonicalRequest:");
            if (canonicalAt < 0) { // V1: the StringToSign is one line
                return new CaptureExpectation(null, lines.get(stringToSignAt + 1));
            }
            return new CaptureExpectation(String.join("\n", lines.subList(canonicalAt + 1, stringToSignAt)),
                    lines.get(stringToSignAt + 1) + "\n" + lines.get(stringToSignAt + 2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
