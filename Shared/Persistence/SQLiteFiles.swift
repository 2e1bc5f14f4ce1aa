import Foundation

/// Makes an SQLite database readable by its owner only: it holds appellants' sealed personal data and the
/// keyed hashes of tracking codes, as private as the keys that protect them.
enum SQLiteFiles {
    /// Owner read and write: the database file. SQLite gives its `-wal` and `-shm` files the mode of the
    /// database file, so they follow.
    static let fileMode: mode_t = 0o600
    /// Owner only: a data directory we create.
    static let directoryMode: Int = 0o700
    /// The files SQLite keeps beside the database.
    static let companionSuffixes = ["", "-wal", "-shm", "-journal"]

    /// Creates the data directory (0700) when missing and the database file (0600) before SQLite opens it,
    /// so it never exists with the process's default mode; tightens the files an older version left
    /// readable to others.
    static func prepare(_ path: String) throws(PersistenceError) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            if !FileManager.default.fileExists(atPath: directory.path) {
                try FileManager.default.createDirectory(
                    at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: directoryMode]
                )
            }
        } catch {
            throw .unreachable("cannot create the data directory \(directory.path): \(error.localizedDescription)")
        }
        // O_EXCL: a file that already exists keeps its contents; only its mode is tightened below.
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, fileMode)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw .unreachable("cannot create the SQLite file \(path): \(String(cString: strerror(errno)))")
        }
        for suffix in companionSuffixes {
            var status = stat()
            if stat(path + suffix, &status) == 0, status.st_mode & 0o077 != 0 {
                _ = chmod(path + suffix, fileMode)
            }
        }
    }
}
