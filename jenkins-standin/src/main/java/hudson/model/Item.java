package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Stand-in: a configurable item (a job, a folder). */
public interface Item extends AccessControlled {
    Permission CONFIGURE = Permission.fromId("hudson.model.Item.Configure");

    String getFullName();

    String getUrl();
}
