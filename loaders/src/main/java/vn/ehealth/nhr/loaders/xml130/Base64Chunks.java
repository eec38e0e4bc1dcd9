package vn.ehealth.nhr.loaders.xml130;

import java.util.Base64;

/**
 * Decodes base64 text that arrives in pieces (StAX text events) into a {@link SpillBuffer},
 * ignoring whitespace and line breaks; remembers the first error instead of throwing.
 */
final class Base64Chunks {

    private final SpillBuffer out;
    private final byte[] quad = new byte[4 * 1024];
    private int pending;
    private boolean ended;
    private String error;

    Base64Chunks(SpillBuffer out) {
        this.out = out;
    }

    void append(CharSequence text) {
        for (int i = 0; i < text.length() && error == null; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (c > 127) {
                error = "ký tự không hợp lệ '" + c + "'|invalid character '" + c + "'";
                return;
            }
            quad[pending++] = (byte) c;
            if (pending == quad.length) {
                flush(false);
            }
        }
    }

    /** Decodes what is left; returns the error ("vi|en"), or null. */
    String finish() {
        if (error == null) {
            flush(true);
        }
        return error;
    }

    private void flush(boolean last) {
        int usable = last ? pending : pending - pending % 4;
        if (usable == 0) {
            return;
        }
        if (ended) {
            error = "dữ liệu tiếp tục sau ký tự kết thúc '='|data continues after the '=' padding";
            return;
        }
        try {
            byte[] slice = java.util.Arrays.copyOf(quad, usable);
            if (slice[usable - 1] == '=') {
                ended = true;
            }
            byte[] decoded = Base64.getDecoder().decode(slice);
            out.write(decoded, 0, decoded.length);
        } catch (IllegalArgumentException e) {
            error = "không phải base64 hợp lệ (" + e.getMessage() + ")|not valid base64 (" + e.getMessage() + ")";
            return;
        }
        System.arraycopy(quad, usable, quad, 0, pending - usable);
        pending -= usable;
    }
}
