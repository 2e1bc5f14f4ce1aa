import Hummingbird
import ServiceKit

extension ServiceRequestContext {
    /// Runs `next`, rendering a thrown error as the kit's problem response, so that a middleware can
    /// decorate error responses too (the kit would otherwise render them outside it).
    func responseRenderingErrors(
        _ request: Request, next: (Request, ServiceRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, self)
        } catch {
            return try ServiceError.rendering(error, logger: logger).response(from: request, context: self)
        }
    }
}
