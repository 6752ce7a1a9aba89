import CGDAL

/// Pixel types GeoRaster reads and writes; GDAL converts between them on the way.
public enum RasterDataType: String, Sendable, Codable, CaseIterable {
    case byte = "Byte"
    case int16 = "Int16"
    case uint16 = "UInt16"
    case int32 = "Int32"
    case uint32 = "UInt32"
    case float32 = "Float32"
    case float64 = "Float64"

    var gdal: GDALDataType {
        switch self {
        case .byte: return GDT_Byte
        case .int16: return GDT_Int16
        case .uint16: return GDT_UInt16
        case .int32: return GDT_Int32
        case .uint32: return GDT_UInt32
        case .float32: return GDT_Float32
        case .float64: return GDT_Float64
        }
    }

    /// GDAL's name for any of its types, including ones GeoRaster does not write (e.g. CInt16).
    static func name(of type: GDALDataType) -> String {
        String(cString: GDALGetDataTypeName(type))
    }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }
    public var byteSize: Int { Int(GDALGetDataTypeSizeBytes(gdal)) }
}

/// Swift element types that map to a GDAL pixel type for typed window reads and writes.
public protocol RasterElement: Sendable, Numeric {
    static var rasterDataType: RasterDataType { get }
}

extension UInt8: RasterElement { public static var rasterDataType: RasterDataType { .byte } }
extension Int16: RasterElement { public static var rasterDataType: RasterDataType { .int16 } }
extension UInt16: RasterElement { public static var rasterDataType: RasterDataType { .uint16 } }
extension Int32: RasterElement { public static var rasterDataType: RasterDataType { .int32 } }
extension Float: RasterElement { public static var rasterDataType: RasterDataType { .float32 } }
extension Double: RasterElement { public static var rasterDataType: RasterDataType { .float64 } }
