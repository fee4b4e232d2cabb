package io.github.jgrad.nn.io;

import io.github.jgrad.tensor.DType;
import java.util.Set;

/**
 * The safetensors element types jgrad reads, with their size on disk and the tensor dtype they
 * load as. Half-precision types widen to F32 exactly (every F16 and BF16 value is a float).
 */
enum StoredType {
    F64(8, DType.F64),
    F32(4, DType.F32),
    F16(2, DType.F32),
    BF16(2, DType.F32);

    /** Types of the format that exist but have no exact jgrad dtype (integers lose nothing only sometimes). */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of("BOOL", "U8", "I8", "I16", "U16", "I32", "U32",
            "I64", "U64", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64");

    final int size;
    final DType loadsAs;

    StoredType(int size, DType loadsAs) {
        this.size = size;
        this.loadsAs = loadsAs;
    }

    /** The stored type of a written tensor. */
    static StoredType of(DType d) {
        return d == DType.F64 ? F64 : F32;
    }

    /**
     * The stored type named {@code name}, or null with {@code problem[0]} saying why not.
     */
    static StoredType parse(String name, String[] problem) {
        for (StoredType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        problem[0] = KNOWN_UNSUPPORTED.contains(name)
                ? "dtype " + name + " is not supported (jgrad reads F32, F64, F16 and BF16)"
                : "unknown dtype '" + name + "'";
        return null;
    }

    /** IEEE half precision bits to the float of the same value (exact; NaN payloads are kept). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            // Infinity or NaN: all-ones float exponent, mantissa moved to the top.
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // Zero or subnormal: mant * 2^-24 is exact in float.
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** bfloat16 bits to float: they are the top half of the float's bits. */
    static float bf16ToFloat(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }
}
