package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

/** Stand-in: Stapler's response; only the servlet API it extends is used here. */
public interface StaplerResponse2 extends HttpServletResponse {}
