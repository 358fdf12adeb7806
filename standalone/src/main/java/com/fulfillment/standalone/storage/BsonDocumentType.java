package com.fulfillment.standalone.storage;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the read models' file stores their documents: as BSON, the form in which they arrive over the wire and
 * leave it again, with the embedded server's own encoder and decoder.
 *
 * <p>The H2 backend keeps each collection's documents in an MVStore map whose values H2's {@link ObjectDataType}
 * writes, and a document is a class H2 does not know: it goes through Java serialization, a new
 * {@code ObjectOutputStream} for every document of every page a commit writes, and back through an
 * {@code ObjectInputStream} for every page read. That was a tenth of the standalone app's CPU under load, spent
 * while the commit holds every read-model command back (see BENCHMARKS.md).
 *
 * <p>A document is written here as one tag byte that {@link ObjectDataType} never writes (its tags end at 119)
 * and the document's BSON, which carries its own length. Whatever else the maps hold, and every value of a file
 * written before (or by the plain backend), is read and written as H2 does, so an existing file opens as it is and
 * its pages turn to BSON as they are rewritten. A document holding a value that BSON has no type for is kept as
 * H2 keeps it rather than failing the commit. A file written here is no longer readable by the plain backend.
 */
final class BsonDocumentType extends ObjectDataType {

    /** The tag of a document stored as BSON. */
    static final byte BSON_DOCUMENT = 127;

    /** Rough heap sizes (bytes) of a map and its entries, a list, a string and a boxed value or other leaf. */
    private static final int MAP = 64;
    private static final int MAP_ENTRY = 40;
    private static final int LIST = 40;
    private static final int REFERENCE = 8;
    private static final int STRING = 40;
    private static final int BOXED = 24;

    @Override
    public int getMemory(Object value) {
        return value instanceof Document document ? heapSize(document) : super.getMemory(value);
    }

    /**
     * About what a decoded document takes on the heap, which is what H2 sizes its pages and its cache by: a leaf
     * page is split once its values estimate more than a page's worth, and every document of a page that a
     * command changed is written again at the next commit. The estimate of {@link ObjectDataType} (twice the
     * Java-serialized size) gave pages of a few documents; an estimate from the BSON size alone would pack
     * several times more documents into a page and write them all again for each one changed.
     */
    static int heapSize(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = MAP + REFERENCE * map.size();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += MAP_ENTRY + heapSize(entry.getKey()) + heapSize(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> collection) {
            int size = LIST + REFERENCE * collection.size();
            for (Object element : collection) {
                size += heapSize(element);
            }
            return size;
        }
        return value instanceof String string ? STRING + string.length() : BOXED;
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        ByteBuf bson = value instanceof Document document ? encode(document) : null;
        if (bson == null) {
            super.write(buffer, value);
            return;
        }
        buffer.put(BSON_DOCUMENT).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
    }

    private static ByteBuf encode(Document document) {
        ByteBuf bson = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, bson);
            return bson;
        } catch (IllegalArgumentException noBsonType) {
            return null;
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        int start = buffer.position();
        if (buffer.get(start) != BSON_DOCUMENT) {
            return super.read(buffer);
        }
        int length = littleEndianInt(buffer, start + 1);
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buffer.slice(start + 1, length)));
        buffer.position(start + 1 + length);
        return document;
    }

    /** The BSON document's length, its first four bytes. */
    private static int littleEndianInt(ByteBuffer buffer, int index) {
        return (buffer.get(index) & 0xFF) | (buffer.get(index + 1) & 0xFF) << 8
               | (buffer.get(index + 2) & 0xFF) << 16 | (buffer.get(index + 3) & 0xFF) << 24;
    }
}
