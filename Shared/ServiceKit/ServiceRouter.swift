import HTTPTypes
import Hummingbird

/// The router services register their routes on: Hummingbird's router, plus a record of which methods
/// each path accepts, so a known path with the wrong method answers 405 with `Allow` instead of 404.
public final class ServiceRouter: RouterMethods {
    public typealias Context = ServiceRequestContext

    let router: Router<Context>
    private var methodsByPath: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]

    init(router: Router<Context>) {
        self.router = router
    }

    @discardableResult
    public func on<Responder: HTTPResponder>(
        _ path: RouterPath, method: HTTPRequest.Method, responder: Responder
    ) -> Self where Responder.Context == Context {
        methodsByPath[path.description, default: (path, [])].methods.insert(method)
        router.on(path, method: method, responder: responder)
        return self
    }

    @discardableResult
    public func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        router.add(middleware: middleware)
        return self
    }

    /// Answers 405 for every method a registered path does not accept. Call once, after every route.
    func addMethodNotAllowedResponders() {
        let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete]
        for (path, accepted) in methodsByPath.values {
            let allowed = Array(accepted)
            for method in methods where !accepted.contains(method) {
                router.on(path, method: method) { _, _ -> Response in
                    throw ServiceError.methodNotAllowed(allowed: allowed)
                }
            }
        }
    }
}
