package io.updraft.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * MQTT 3.1.1 CONNECTs written byte by byte on a fresh socket, for what no client library sends: floods, fields of
 * any size, a chosen source address. Loopback only: {@code 127.0.0.2} and the like are this machine too.
 */
public final class RawMqtt {
    /** Returned when the broker closed the connection without a CONNACK. */
    public static final int CLOSED = -1;

    private RawMqtt() {
    }

    /**
     * Sends one CONNECT (user name, password, clean session, keep alive 60 s) from {@code source} (null: the
     * system's choice) to 127.0.0.1:{@code port}; the CONNACK return code, or {@link #CLOSED}.
     */
    public static int connack(InetAddress source, int port, String clientId, String userName, String password) {
        try (Socket socket = new Socket()) {
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(connect(clientId, userName, password));
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            if (in.read() != 0x20) {
                return CLOSED;
            }
            in.readUnsignedByte(); // remaining length 2
            in.readUnsignedByte(); // session present
            return in.readUnsignedByte();
        } catch (IOException e) {
            return CLOSED;
        }
    }

    /** The whole CONNECT packet. */
    public static byte[] connect(String clientId, String userName, String password) {
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        writeString(variable, "MQTT");
        variable.write(4);          // protocol level 3.1.1
        variable.write(0xC2);       // user name, password, clean session
        variable.write(0);
        variable.write(60);         // keep alive 60 s
        writeString(variable, clientId);
        writeString(variable, userName);
        writeString(variable, password);
        byte[] rest = variable.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int length = rest.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(rest);
        return packet.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("an MQTT string holds at most 65,535 bytes");
        }
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
