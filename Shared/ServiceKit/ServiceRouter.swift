import HTTPTypes
import Hummingbird

/// The router services register their routes on: Hummingbird's router, plus a record of which methods
/// each path accepts, so a known path with the wrong method answers 405 with `Allow` instead of 404,
/// and `OPTIONS` with the methods it accepts.
public final class ServiceRouter: RouterMethods {
    public typealias Context = ServiceRequestContext
    public typealias Handler = @Sendable (Request, Context) async throws -> Response

    let router: Router<Context>
    private var methodsByPath: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
    private var otherMethodHandlers: [String: Handler] = [:]

    /// The methods the router dispatches itself; any other method is resolved by ``UnknownMethodMiddleware``.
    static let dispatchedMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options, .trace]

    init(router: Router<Context>) {
        self.router = router
    }

    /// The methods registered on each path template (`/api/v1/appeals/{id}`), so a test can hold them
    /// against the service's OpenAPI document.
    var registeredRoutes: [String: Set<HTTPRequest.Method>] {
        methodsByPath.mapValues(\.methods)
    }

    @discardableResult
    public func on<Responder: HTTPResponder>(
        _ path: RouterPath, method: HTTPRequest.Method, responder: Responder
    ) -> Self where Responder.Context == Context {
        methodsByPath[path.description, default: (path, [])].methods.insert(method)
        router.on(path, method: method, responder: responder)
        return self
    }

    /// Sends requests for `path` with any method outside ``dispatchedMethods`` (`QUERY`, extension
    /// methods) to `handler`, instead of answering 405: how the gateway passes them on to the service
    /// that knows the path.
    public func onOtherMethods(_ path: RouterPath, use handler: @escaping Handler) {
        if methodsByPath[path.description] == nil { methodsByPath[path.description] = (path, []) }
        otherMethodHandlers[path.description] = handler
    }

    @discardableResult
    public func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        router.add(middleware: middleware)
        return self
    }

    /// Answers 405 for every method a registered path does not accept, and `OPTIONS` with the methods it
    /// does. Call once, after every route.
    func addMethodNotAllowedResponders() {
        var routes: [UnknownMethodMiddleware.Route] = []
        for (key, (path, accepted)) in methodsByPath {
            // The router answers HEAD wherever GET is registered (`.autoGenerateHeadEndpoints`, headers only).
            let allowed = Array(accepted.contains(.get) ? accepted.union([.head]) : accepted)
            routes.append(.init(path: path, allowed: allowed, handler: otherMethodHandlers[key]))
            if !accepted.contains(.options) {
                let allowHeader = allowed.map(\.rawValue).sorted().joined(separator: ", ")
                router.on(path, method: .options) { _, _ -> Response in
                    Response(status: .noContent, headers: [.allow: allowHeader])
                }
            }
            for method in Self.dispatchedMethods where method != .options && !allowed.contains(method) {
                router.on(path, method: method) { _, _ -> Response in
                    throw ServiceError.methodNotAllowed(allowed: allowed)
                }
            }
        }
        router.add(middleware: UnknownMethodMiddleware(routes: routes))
    }
}

/// Resolves methods the router does not dispatch (`QUERY`, `PROPFIND`, …): 405 with `Allow` on a known
/// path, the path's own handler if it registered one, and 404 elsewhere, as for any other method.
struct UnknownMethodMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    struct Route: Sendable {
        let path: RouterPath
        let allowed: [HTTPRequest.Method]
        let handler: ServiceRouter.Handler?
    }

    let routes: [Route]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !ServiceRouter.dispatchedMethods.contains(request.method) else { return try await next(request, context) }
        let segments = request.uri.path.split(separator: "/")
        // The most specific template wins, as in the router: `/appeals/stats` over `/appeals/{id}`.
        let route =
            routes
            .compactMap { route in route.path.literalMatches(segments).map { (route, $0) } }
            .max { $0.1 < $1.1 }?.0
        guard let route else { throw ServiceError.notFound }
        if let handler = route.handler { return try await handler(request, context) }
        throw ServiceError.methodNotAllowed(allowed: route.allowed)
    }
}

extension RouterPath {
    /// How many of `segments` this template matches literally, or `nil` when it does not match them.
    func literalMatches(_ segments: [Substring]) -> Int? {
        var literals = 0
        for (index, element) in enumerated() {
            if element.description == "**" { return literals }
            guard index < segments.count, element ~= segments[index] else { return nil }
            if element == segments[index] { literals += 1 }
        }
        return count == segments.count ? literals : nil
    }
}
