/// The version `--version` prints and the Docker image is tagged with.
public enum MockVersion {
    public static let current = "0.1.0"
}
