import Hummingbird
import Logging

/// Turns every error into RFC 9457 problem details, so clients never see an empty body, a stack, SQL,
/// or an internal error's text.
///
/// It wraps everything but request IDs and observability: errors from routing (404), method checks
/// (405), body limits (413), identity checks and handlers all pass through it. A client's disconnect while its request is read is
/// answered 499 and logged at debug level; errors it does not recognise are logged and answered with 500.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.serviceError(for: error, logger: context.logger).response(from: request, context: context)
        }
    }

    static func serviceError(for error: any Error, logger: Logger) -> ServiceError {
        switch error {
        case let error as ServiceError:
            return error
        case let error as HTTPError:
            // Hummingbird's own errors: keep the status, replace its text with ours.
            switch error.status {
            case .notFound: return .notFound
            case .contentTooLarge: return .bodyTooLarge(limit: nil)
            case .badRequest: return .malformedJSON("The request could not be read.")
            default: return .httpStatus(error.status)
            }
        case let error where ClientAbort.isClientAbort(error):
            // Not a failure of the service: logged low, and counted under its own status (499), not 500.
            logger.debug("client closed the request", metadata: ["error.type": "\(type(of: error))"])
            return .clientClosedRequest
        default:
            // Only the error's type and description go to the log: handlers must not put personal data
            // into error text, and drivers here are configured not to include bound values.
            logger.error("unhandled error", metadata: ["error.type": "\(type(of: error))", "error": "\(error)"])
            return .internalError
        }
    }
}

extension ServiceError {
    /// The problem `error` is answered with, as ``ProblemMiddleware`` renders it; for middlewares that
    /// must decorate error responses (e.g. with CORS or security headers) before the kit renders them.
    public static func rendering(_ error: any Error, logger: Logger) -> ServiceError {
        ProblemMiddleware.serviceError(for: error, logger: logger)
    }
}
