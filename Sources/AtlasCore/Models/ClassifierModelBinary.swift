import AtlasFoundation
import Foundation
import PermafrostKernels

/// The vegetation classifier as a compact binary file (Docs/MODEL_FORMAT.md): a fixed header,
/// the model file's JSON without its trees, then the trees as little-endian arrays.
///
/// Hand-written rather than a serialisation library: the package already depends on nothing
/// that reads binary, the layout is five flat arrays that any language can map and read, and
/// every check (length, checksum, version, array sizes) must end in our one-line error naming
/// the file. The arrays are 4-byte values at 8-byte-aligned offsets, so the file can be
/// memory-mapped and read in place; reading maps it and copies each tree's slices once.
enum ClassifierModelBinary {
    /// The first eight bytes of every binary model file.
    static let magic: [UInt8] = Array("PAFOREST".utf8)
    static let currentVersion: UInt32 = 1
    static let headerSize = 96

    /// The header's fields (little-endian), in file order.
    struct Header: Equatable {
        var version: UInt32
        var headerSize: UInt32
        var fileLength: UInt64
        var metadataLength: UInt64
        var treeCount: UInt64
        var splitTotal: UInt64
        var leafValueTotal: UInt64
        var classCount: UInt32
        var featureCount: UInt32
        /// SHA-256 of every byte after the header.
        var checksum: [UInt8]

        /// Where the tree table starts: after the metadata, padded to 8 bytes.
        var treeTableOffset: Int { ClassifierModelBinary.headerSize + Self.padded(Int(metadataLength)) }
        /// The file length the counts imply.
        var impliedLength: Int {
            treeTableOffset + 8 * Int(treeCount) + 16 * Int(splitTotal) + 4 * Int(leafValueTotal)
        }

        static func padded(_ count: Int) -> Int { (count + 7) / 8 * 8 }
    }

    // MARK: writing

    static func encode(_ file: ClassifierModelFile) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.userInfo[RandomForestModel.omitsTrees] = true
        let metadata = try encoder.encode(file)
        let trees = file.model.trees
        let splitTotal = trees.reduce(0) { $0 + $1.splitCount }
        let leafValueTotal = trees.reduce(0) { $0 + $1.leafClassProbabilities.count }

        var body = Data()
        body.reserveCapacity(Header.padded(metadata.count) + 8 * trees.count + 16 * splitTotal + 4 * leafValueTotal)
        body.append(metadata)
        body.append(contentsOf: repeatElement(0, count: Header.padded(metadata.count) - metadata.count))
        var table: [UInt32] = []
        for tree in trees { table += [UInt32(tree.splitCount), UInt32(tree.leafClassProbabilities.count)] }
        appendLittleEndian(table, to: &body)
        // Tree by tree: no forest-sized intermediate arrays (training writes this serially).
        for tree in trees { appendLittleEndian(tree.splitFeature, to: &body) }
        for tree in trees { appendLittleEndian(tree.splitThreshold.map(\.bitPattern), to: &body) }
        for tree in trees { appendLittleEndian(tree.leftChild, to: &body) }
        for tree in trees { appendLittleEndian(tree.rightChild, to: &body) }
        for tree in trees { appendLittleEndian(tree.leafClassProbabilities.map(\.bitPattern), to: &body) }

        let header = Header(
            version: currentVersion, headerSize: UInt32(headerSize), fileLength: UInt64(headerSize + body.count),
            metadataLength: UInt64(metadata.count), treeCount: UInt64(trees.count), splitTotal: UInt64(splitTotal),
            leafValueTotal: UInt64(leafValueTotal), classCount: UInt32(file.model.classCount),
            featureCount: UInt32(file.model.featureCount), checksum: checksum(of: body))
        var data = Data()
        data.reserveCapacity(headerSize + body.count)
        data.append(contentsOf: magic)
        appendLittleEndian([header.version, header.headerSize], to: &data)
        appendLittleEndian(
            [header.fileLength, header.metadataLength, header.treeCount, header.splitTotal, header.leafValueTotal], to: &data)
        appendLittleEndian([header.classCount, header.featureCount], to: &data)
        data.append(contentsOf: header.checksum)
        precondition(data.count == headerSize)
        data.append(body)
        return data
    }

    /// Writes under a temporary name and renames into place when complete.
    static func write(_ file: ClassifierModelFile, to output: AtomicOutput) throws {
        let data = try encode(file)
        let temporary = output.temporaryPath()
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            AtomicOutput.remove(temporary)
            throw OutputFileError.cannotWrite(
                path: output.finalPath, reason: SystemError.reason(of: error), fullDiskNote: output.fullDiskNote)
        }
        try output.commit(from: temporary)
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ values: [T], to data: inout Data) {
        let littleEndian = values.map(\.littleEndian)
        littleEndian.withUnsafeBytes { data.append(contentsOf: $0) }
    }

    static func checksum(of bytes: some Collection<UInt8>) -> [UInt8] {
        var hash = SHA256()
        hash.update(bytes)
        let hex = Array(hash.finalize().utf8)
        return stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
    }

    // MARK: reading

    /// Whether `data` starts like a binary model file (otherwise it is read as JSON).
    static func isBinary(_ data: Data) -> Bool { data.count >= magic.count && data.prefix(magic.count).elementsEqual(magic) }

    /// Decodes a binary model file; every failure names `path` and says what is wrong.
    static func decode(_ data: Data, path: String) throws -> ClassifierModelFile {
        func bad(_ reason: AtlasMessage) -> AtlasError { .badFile(path: path, reason: reason) }
        guard data.count >= headerSize else {
            throw bad("binary random-forest model is truncated: \(data.count) bytes, shorter than its \(headerSize)-byte header")
        }
        let header = readHeader(data)
        guard header.version == currentVersion else {
            throw bad("binary random-forest model format version \(header.version) is not supported (this tool reads \(currentVersion))")
        }
        guard header.headerSize == UInt32(headerSize) else {
            throw bad("binary random-forest model has a damaged header (size \(header.headerSize))")
        }
        guard header.fileLength == UInt64(data.count) else {
            throw bad(
                header.fileLength > UInt64(data.count)
                    ? "binary random-forest model is truncated: \(data.count) bytes, the header says \(header.fileLength)"
                    : "binary random-forest model has \(UInt64(data.count) - header.fileLength) bytes after its end")
        }
        guard checksum(of: data[(data.startIndex + headerSize)...]) == header.checksum else {
            throw bad("binary random-forest model is damaged: its SHA-256 checksum does not match its contents")
        }
        // The checksum matched, so a mismatch below is a writer's error, not damage; still refused.
        let limit = UInt64(data.count)
        guard header.metadataLength < limit, header.treeCount < limit, header.splitTotal < limit, header.leafValueTotal < limit,
            header.impliedLength == data.count
        else { throw bad("binary random-forest model's array sizes do not add up to its length") }

        let metadataStart = data.startIndex + headerSize
        let metadata = data[metadataStart..<(metadataStart + Int(header.metadataLength))]
        let trees = try readTrees(data, header: header, path: path)
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        decoder.userInfo[RandomForestModel.suppliedTrees] = trees
        let file: ClassifierModelFile
        do {
            file = try decoder.decode(ClassifierModelFile.self, from: metadata)
        } catch {
            throw bad("not a random-forest model file (\(ModelFileIO.describe(error)))")
        }
        try file.checkFormat(path: path)
        guard Int(header.classCount) == file.model.classCount, Int(header.featureCount) == file.model.featureCount else {
            throw bad(
                "binary random-forest model's header gives \(header.classCount) classes and \(header.featureCount) features, its model \(file.model.classCount) and \(file.model.featureCount)"
            )
        }
        return file
    }

    static func readHeader(_ data: Data) -> Header {
        let start = data.startIndex
        func u32(_ offset: Int) -> UInt32 { data[(start + offset)..<(start + offset + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        func u64(_ offset: Int) -> UInt64 { data[(start + offset)..<(start + offset + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) } }
        return Header(
            version: u32(8), headerSize: u32(12), fileLength: u64(16), metadataLength: u64(24), treeCount: u64(32),
            splitTotal: u64(40), leafValueTotal: u64(48), classCount: u32(56), featureCount: u32(60),
            checksum: Array(data[(start + 64)..<(start + 96)]))
    }

    /// The five arrays, sliced per tree by the tree table.
    private static func readTrees(_ data: Data, header: Header, path: String) throws -> [RandomForestTree] {
        let treeCount = Int(header.treeCount), splits = Int(header.splitTotal), leafValues = Int(header.leafValueTotal)
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [RandomForestTree] in
            var offset = header.treeTableOffset
            func array<T: FixedWidthInteger>(_ count: Int, of _: T.Type) -> [T] {
                let values = (0..<count).map {
                    T(littleEndian: raw.loadUnaligned(fromByteOffset: offset + $0 * MemoryLayout<T>.size, as: T.self))
                }
                offset += count * MemoryLayout<T>.size
                return values
            }
            let table = array(2 * treeCount, of: UInt32.self)
            let feature = array(splits, of: Int32.self)
            let threshold = array(splits, of: UInt32.self).map(Float.init(bitPattern:))
            let left = array(splits, of: Int32.self), right = array(splits, of: Int32.self)
            let probabilities = array(leafValues, of: UInt32.self).map(Float.init(bitPattern:))
            var trees: [RandomForestTree] = []
            trees.reserveCapacity(treeCount)
            var split = 0, leafValue = 0
            for index in 0..<treeCount {
                let splitCount = Int(table[2 * index]), valueCount = Int(table[2 * index + 1])
                guard split + splitCount <= splits, leafValue + valueCount <= leafValues else {
                    throw AtlasError.badFile(
                        path: path, reason: "binary random-forest model's tree \(index) runs past the end of its arrays")
                }
                let splitRange = split..<(split + splitCount), valueRange = leafValue..<(leafValue + valueCount)
                trees.append(
                    RandomForestTree(
                        splitFeature: Array(feature[splitRange]), splitThreshold: Array(threshold[splitRange]),
                        leftChild: Array(left[splitRange]), rightChild: Array(right[splitRange]),
                        leafClassProbabilities: Array(probabilities[valueRange])))
                split += splitCount
                leafValue += valueCount
            }
            guard split == splits, leafValue == leafValues else {
                throw AtlasError.badFile(path: path, reason: "binary random-forest model's tree table does not cover its arrays")
            }
            return trees
        }
    }
}
