package hudson.slaves;

import hudson.FilePath;

/** Stand-in: the workspaces of a node; here only where a workspace's temporary folder is. */
public final class WorkspaceList {
    private WorkspaceList() {}

    /**
     * Upstream: the sibling {@code <workspace>@tmp}, where {@code @} is the system property
     * {@code hudson.slaves.WorkspaceList} (default {@code @}), read once at start-up. Here it is read at each call,
     * so a test can choose another.
     */
    public static FilePath tempDir(FilePath ws) {
        return ws.sibling(ws.getName() + System.getProperty(WorkspaceList.class.getName(), "@") + "tmp");
    }
}
