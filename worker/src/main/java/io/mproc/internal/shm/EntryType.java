package io.mproc.internal.shm;

/** What a directory entry holds, with the code stored in the segment and the name of its api interface. */
enum EntryType {

    LONG_VALUE(1, "LongValue", Long.BYTES, false),
    INT_VALUE(2, "IntValue", Integer.BYTES, false),
    DOUBLE_VALUE(3, "DoubleValue", Long.BYTES, false),
    BOOLEAN_VALUE(4, "BooleanValue", Integer.BYTES, false),
    LONG_ARRAY(5, "LongArray", Long.BYTES, true),
    INT_ARRAY(6, "IntArray", Integer.BYTES, true),
    DOUBLE_ARRAY(7, "DoubleArray", Long.BYTES, true),
    SHORT_VALUE(8, "ShortValue", Integer.BYTES, false),
    SHORT_ARRAY(9, "ShortArray", Short.BYTES, true),
    BYTE_ARRAY(10, "ByteArray", Byte.BYTES, true);

    private static final EntryType[] BY_CODE = new EntryType[values().length + 1];

    static {
        for (EntryType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final String apiName;
    private final int elementLength;
    private final boolean array;

    EntryType(int code, String apiName, int elementLength, boolean array) {
        this.code = code;
        this.apiName = apiName;
        this.elementLength = elementLength;
        this.array = array;
    }

    /** The type with this code, or null for a code no type has. */
    static EntryType ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    int code() {
        return code;
    }

    /** The simple name of the api interface, for messages. */
    String apiName() {
        return apiName;
    }

    /** The api name with its indefinite article, for messages: "a LongValue", "an IntArray". */
    String apiNameWithArticle() {
        return (apiName.charAt(0) == 'I' ? "an " : "a ") + apiName;
    }

    /** Bytes per element; a value is one element. */
    int elementLength() {
        return elementLength;
    }

    boolean isArray() {
        return array;
    }

    /** The name of the {@link SharedSegment} method that looks up an object of this type. */
    String lookupMethod() {
        return Character.toLowerCase(apiName.charAt(0)) + apiName.substring(1);
    }
}
