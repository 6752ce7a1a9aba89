/// The tool's name and version, as recorded in reports and raster metadata.
public enum AtlasTool {
    public static let name = "permafrost-atlas"
    public static let version = "0.1.0"
}
