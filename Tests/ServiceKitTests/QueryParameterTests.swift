import HTTPTypes
import Hummingbird
import Models
import NIOCore
import ServiceKit
import Testing

/// Enum query parameters are read by one helper, with a message that names the accepted codes.
@Suite struct QueryParameterTests {
    func request(_ query: String) -> Request {
        Request(head: HTTPRequest(method: .get, scheme: "http", authority: "x", path: "/list?\(query)"), body: .init(buffer: ByteBuffer()))
    }

    @Test func oneCodeOrAListOfCodesIsReadAndAnythingElseNamesTheCodes() throws {
        #expect(try request("regionCode=KG-N").enumQuery("regionCode", as: Region.self) == .naryn)
        #expect(try request("other=1").enumQuery("regionCode", as: Region.self) == nil)
        #expect(try request("language=ky,ru").enumListQuery("language", as: Language.self) == [.kyrgyz, .russian])
        for (query, name) in [("regionCode=KG-X", "regionCode"), ("language=ky,,ru", "language"), ("language=", "language")] {
            #expect {
                if name == "regionCode" {
                    _ = try request(query).enumQuery(name, as: Region.self)
                } else {
                    _ = try request(query).enumListQuery(name, as: Language.self)
                }
            } throws: { error in
                guard let error = error as? ServiceError else { return false }
                return error.status == .badRequest && error.detail.contains(name == "regionCode" ? "KG-GO" : "ky, ru, en") == true
            }
        }
    }
}
