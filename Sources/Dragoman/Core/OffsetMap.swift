/// Where a text came from: maps positions in a stage's output back to its input, and forward.
///
/// Positions are UTF-8 offsets. The map lists the changed regions, each an input range and the output
/// range that replaced it; between regions text is unchanged, so positions there shift by a constant.
/// Regions are kept sorted and separated by at least one unchanged byte: edits that touch are merged,
/// which keeps every lookup unambiguous (a later edit inside merged edits maps to all of them).
public struct OffsetMap: Sendable, Hashable {
    /// One changed region: `input` in the older text became `output` in the newer one.
    public struct Region: Sendable, Hashable {
        public var input: Range<Int>
        public var output: Range<Int>
    }

    /// The changed regions in order.
    public private(set) var regions: [Region]

    /// The map of a text that did not change.
    public static let identity = OffsetMap(normalized: [])

    public var isIdentity: Bool { regions.isEmpty }

    private init(normalized regions: [Region]) {
        self.regions = regions
    }

    /// A map from changed regions in any order; overlapping and touching regions are merged.
    public init(regions: [Region]) {
        let inOrder = zip(regions, regions.dropFirst()).allSatisfy {
            ($0.input.lowerBound, $0.output.lowerBound) <= ($1.input.lowerBound, $1.output.lowerBound)
        }
        let sorted = inOrder ? regions : regions.sorted {
            ($0.input.lowerBound, $0.output.lowerBound) < ($1.input.lowerBound, $1.output.lowerBound)
        }
        var merged: [Region] = []
        merged.reserveCapacity(sorted.count)
        for region in sorted {
            guard var last = merged.last,
                region.input.lowerBound <= last.input.upperBound || region.output.lowerBound <= last.output.upperBound
            else {
                merged.append(region)
                continue
            }
            last.input = min(last.input.lowerBound, region.input.lowerBound)..<max(last.input.upperBound, region.input.upperBound)
            last.output = min(last.output.lowerBound, region.output.lowerBound)..<max(last.output.upperBound, region.output.upperBound)
            merged[merged.count - 1] = last
        }
        self.init(normalized: merged)
    }

    /// The input range that `output` came from. A range that touches a changed region grows to cover
    /// all of it, so the result always spans whole edits.
    public func inputRange(forOutput output: Range<Int>) -> Range<Int> {
        let lower = Self.map(output.lowerBound, rounding: .down, fromOutput: true, in: regions)
        let upper = Self.map(output.upperBound, rounding: .up, fromOutput: true, in: regions)
        return lower..<max(lower, upper)
    }

    /// The output range that `input` became; the mirror of ``inputRange(forOutput:)``.
    public func outputRange(forInput input: Range<Int>) -> Range<Int> {
        let lower = Self.map(input.lowerBound, rounding: .down, fromOutput: false, in: regions)
        let upper = Self.map(input.upperBound, rounding: .up, fromOutput: false, in: regions)
        return lower..<max(lower, upper)
    }

    /// The map from `next`'s output back to this map's input: this map followed by `next`.
    public func followed(by next: OffsetMap) -> OffsetMap {
        if next.isIdentity { return self }
        if isIdentity { return next }
        var combined: [Region] = []
        combined.reserveCapacity(regions.count + next.regions.count)
        for region in regions {
            combined.append(Region(input: region.input, output: next.outputRange(forInput: region.output)))
        }
        for region in next.regions {
            combined.append(Region(input: inputRange(forOutput: region.input), output: region.output))
        }
        return OffsetMap(regions: combined)
    }

    private enum Rounding { case down, up }

    /// Maps a position from one side of the regions to the other. The side is a flag rather than a
    /// pair of key paths, whose reads cost a fifth of each lookup (measured on the pipeline's marks).
    @inline(__always)
    private static func map(_ position: Int, rounding: Rounding, fromOutput: Bool, in regions: [Region]) -> Int {
        regions.withUnsafeBufferPointer { regions in
            // The last region starting at or before `position` (regions are sorted in both coordinates).
            var low = 0
            var high = regions.count
            while low < high {
                let mid = (low + high) / 2
                let start = fromOutput ? regions[mid].output.lowerBound : regions[mid].input.lowerBound
                if start <= position { low = mid + 1 } else { high = mid }
            }
            guard low > 0 else { return position }
            let region = regions[low - 1]
            let (source, target) = fromOutput ? (region.output, region.input) : (region.input, region.output)
            if position > source.upperBound {
                return position - source.upperBound + target.upperBound
            }
            if position == source.upperBound && position != source.lowerBound { return target.upperBound }
            if position == source.lowerBound && position != source.upperBound { return target.lowerBound }
            return rounding == .down ? target.lowerBound : target.upperBound
        }
    }
}
