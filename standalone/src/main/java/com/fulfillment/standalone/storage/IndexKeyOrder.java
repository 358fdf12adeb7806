package com.fulfillment.standalone.storage;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The order of the keys in the read models' unique indexes (mongo-java-server's {@link KeyValue}, kept in MVStore
 * maps), found without Java serialization.
 *
 * <p>H2's {@link ObjectDataType} orders objects of classes it does not know by their Java-serialized bytes, and
 * serializes both objects again on every comparison. A find or an upsert by {@code _id} searches the index's
 * B-tree: {@code 2 log2(n)} serializations for a collection of {@code n} documents, a cost that grows with the
 * collection (half of the embedded server's CPU while a projection was rebuilt; see BENCHMARKS.md).
 *
 * <p>A key of one string (every {@code _id} of the views) serializes to the same bytes for every such key up to
 * the string, which Java serialization writes as its length in modified UTF-8 (two bytes, up to 65,535) followed
 * by that encoding. Comparing the length and then the encoding directly gives exactly the order H2 gave, so
 * existing files are searched as before; any other key is compared as H2 compares it.
 *
 * <p>Such a key is also written without Java serialization: a tag byte that {@link ObjectDataType} never writes
 * (its tags end at 119), the string's length and its characters, as H2 writes a string. Every other key, and every
 * key of a file written before, is read and written as H2 does.
 */
final class IndexKeyOrder extends ObjectDataType {

    /** The tag of a key of one string. */
    static final byte ONE_STRING_KEY = 126;

    /** The longest string Java serialization writes with a two-byte length ({@code TC_STRING}). */
    private static final int SHORT_STRING_LIMIT = 0xFFFF;

    /** Rough heap size (bytes) of a key around its string: the key and its array of one. */
    private static final int KEY_VALUE = 48;

    @Override
    public int compare(Object a, Object b) {
        String left = singleString(a);
        String right = singleString(b);
        if (left != null && right != null) {
            int leftLength = modifiedUtf8Length(left);
            int rightLength = modifiedUtf8Length(right);
            if (leftLength <= SHORT_STRING_LIMIT && rightLength <= SHORT_STRING_LIMIT) {
                return leftLength != rightLength ? Integer.compare(leftLength, rightLength)
                                                 : compareEncodings(left, right);
            }
        }
        return super.compare(a, b);
    }

    @Override
    public int getMemory(Object key) {
        String string = singleString(key);
        return string == null ? super.getMemory(key) : KEY_VALUE + BsonDocumentType.heapSize(string);
    }

    @Override
    public void write(WriteBuffer buffer, Object key) {
        String string = singleString(key);
        if (string == null) {
            super.write(buffer, key);
            return;
        }
        buffer.put(ONE_STRING_KEY).putVarInt(string.length()).putStringData(string, string.length());
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != ONE_STRING_KEY) {
            return super.read(buffer);
        }
        buffer.get();
        return new KeyValue(DataUtils.readString(buffer, DataUtils.readVarInt(buffer)));
    }

    private static String singleString(Object key) {
        return key instanceof KeyValue value && value.size() == 1 && value.get(0) instanceof String string
               ? string : null;
    }

    /** The length of {@code string} as {@link java.io.DataOutput#writeUTF} writes it. */
    static int modifiedUtf8Length(String string) {
        int length = 0;
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            length += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return length;
    }

    /**
     * The order of two encodings of the same length, byte by byte, unsigned. Each character is encoded on its own
     * (a surrogate too), in one to three bytes that keep the characters' order, except {@code \u0000}, written as
     * the two bytes {@code C0 80}: after every one-byte character and before every other. The encodings are alike
     * up to the first different character, whose encodings decide.
     */
    private static int compareEncodings(String left, String right) {
        for (int i = 0; i < Math.min(left.length(), right.length()); i++) {
            char l = left.charAt(i);
            char r = right.charAt(i);
            if (l != r) {
                return Integer.compare(rank(l), rank(r));
            }
        }
        return 0;
    }

    private static int rank(char c) {
        return c == 0 ? 2 * 0x7F + 1 : 2 * c;
    }
}
