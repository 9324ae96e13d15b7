package io.jenkins.plugins.immutabledeploy.dodouble;

/**
 * A refusal in DigitalOcean's shape: the HTTP status and the body {@code {"id", "message", "request_id"}}.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String id;

    ApiError(int status, String id, String message) {
        super(message);
        this.status = status;
        this.id = id;
    }

    static ApiError notFound() {
        return new ApiError(404, "not_found", "The resource you were accessing could not be found.");
    }

    static ApiError unprocessable(String message) {
        return new ApiError(422, "unprocessable_entity", message);
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }
}
