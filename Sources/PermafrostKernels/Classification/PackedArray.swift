/// An immutable array of plain values that prediction reads through a pointer, so the tree
/// walks need no nested `withUnsafeBufferPointer` calls. Never written after `init`, hence
/// safe to share between threads.
final class PackedArray<Element>: @unchecked Sendable {
    let base: UnsafePointer<Element>
    let count: Int

    init(_ elements: [Element]) {
        let storage = UnsafeMutablePointer<Element>.allocate(capacity: max(1, elements.count))
        storage.initialize(from: elements, count: elements.count)
        base = UnsafePointer(storage)
        count = elements.count
    }

    var isEmpty: Bool { count == 0 }

    deinit {
        let storage = UnsafeMutablePointer(mutating: base)
        storage.deinitialize(count: count)
        storage.deallocate()
    }
}
