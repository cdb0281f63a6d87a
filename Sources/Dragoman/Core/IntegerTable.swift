/// A hash table from 64-bit keys to 32-bit values, open addressing with linear probing and a
/// multiplicative hash: for large tables of integer keys built once (the fingerprints of a
/// glossary's aliases in ``Glossary/check(_:)``), where `Dictionary`'s seeded hashing costs more
/// than the rest of the work.
struct IntegerTable {
    private var keys: [UInt64]
    private var values: [Int32]
    /// Slots in use have a value; a free slot holds `empty` as its value.
    private static let empty = Int32.min
    private var shift: UInt64
    private(set) var count = 0

    /// A table that holds `capacity` keys before it grows.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: Self.empty, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value stored for `key`, or nil.
    subscript(key: UInt64) -> Int32? {
        let mask = keys.count - 1
        var slot = home(key)
        while true {
            let value = values[slot]
            if value == Self.empty { return nil }
            if keys[slot] == key { return value }
            slot = (slot + 1) & mask
        }
    }

    /// Stores `value` for `key` unless the key is there; returns the value the table holds for it.
    /// - Precondition: `value` is not `Int32.min`.
    @discardableResult
    mutating func insert(_ key: UInt64, _ value: Int32) -> Int32 {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = home(key)
        while true {
            let stored = values[slot]
            if stored == Self.empty {
                keys[slot] = key
                values[slot] = value
                count += 1
                return value
            }
            if keys[slot] == key { return stored }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: Self.empty, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        for slot in oldValues.indices where oldValues[slot] != Self.empty { insert(oldKeys[slot], oldValues[slot]) }
    }
}
