package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;

/** Stand-in: Stapler's request; only the servlet API it extends is used here. */
public interface StaplerRequest2 extends HttpServletRequest {}
