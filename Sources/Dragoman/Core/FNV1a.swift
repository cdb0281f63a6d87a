/// The 64-bit FNV-1a hash: fingerprints of short keys, with no allocation and no per-process
/// seed (an alias's folded scalars, a word's bytes).
struct FNV1a {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    mutating func mix(_ item: UInt64) {
        value = (value ^ item) &* 0x0000_0100_0000_01B3
    }
}
