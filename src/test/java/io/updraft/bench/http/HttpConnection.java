package io.updraft.bench.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection, used by one load-generator thread at a time. Deliberately minimal (no
 * pooling, no redirects, no TLS): the load generator must hold exactly N connections open and spend as little CPU
 * as possible of the 2 cores it shares with the server.
 */
public final class HttpConnection implements AutoCloseable {
    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    public HttpConnection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Status and body length of one exchange; the body is read and dropped. */
    public record Exchange(int status, int bodyBytes, byte[] body) {
    }

    /** Sends {@code request} (a complete HTTP/1.1 request) and reads the whole response; reconnects if closed. */
    public Exchange send(byte[] request, boolean keepBody) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return readResponse(keepBody);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    private Exchange readResponse(boolean keepBody) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("connection closed by the server");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        java.io.ByteArrayOutputStream body = keepBody ? new java.io.ByteArrayOutputStream() : null;
        int bytes = 0;
        if (chunked) {
            for (int size = Integer.parseInt(readLine().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(readLine().split(";")[0].trim(), 16)) {
                bytes += readBody(size, body);
                readLine();
            }
            readLine();
        } else if (contentLength >= 0) {
            bytes = readBody(contentLength, body);
        }
        if (close) {
            close();
        }
        return new Exchange(status, bytes, body == null ? null : body.toByteArray());
    }

    private int readBody(int length, java.io.ByteArrayOutputStream sink) throws IOException {
        byte[] buffer = new byte[Math.min(length, 8192)];
        int remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("connection closed in a body");
            }
            if (sink != null) {
                sink.write(buffer, 0, n);
            }
            remaining -= n;
        }
        return length;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                int last = line.length() - 1;
                return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    /** A request head for {@code host:port}, ready to write; {@code body} may be empty. */
    public static byte[] request(String method, String pathAndQuery, String hostHeader, String extraHeaders,
                                 byte[] body) {
        String head = method + " " + pathAndQuery + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n" + extraHeaders
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection; nothing to report
            }
            socket = null;
        }
    }
}
