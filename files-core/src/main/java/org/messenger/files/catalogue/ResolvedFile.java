package org.messenger.files.catalogue;

import java.nio.file.Path;

/**
 * A requested name that is safe to serve: a readable regular file inside the shared folder, links
 * resolved. Not yet hashed (see {@link FileCatalogue#describe}).
 */
public record ResolvedFile(String name, Path realPath, long sizeBytes) {
}
