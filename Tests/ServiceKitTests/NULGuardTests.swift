import Testing

@testable import ServiceKit

@Suite struct NULGuardTests {
    @Test func anEncodedNULIsFoundAnywhereInTheURI() {
        for uri in ["/%00", "/a?q=%00", "/a%%00", "/a%0%00", "%00"] {
            #expect(NULGuardMiddleware.containsEncodedNUL(uri), "\(uri)")
        }
        for uri in ["/", "/a%0", "/a%010", "/a%20%30", "/0%0a0", "/a%"] {
            #expect(!NULGuardMiddleware.containsEncodedNUL(uri), "\(uri)")
        }
    }

    @Test func anEscapedNULIsFoundInJSONButAnEscapedBackslashBeforeU0000IsNot() {
        for json in [#"{"a":"\u0000"}"#, #"{"a":"x\\\u0000"}"#, #"["\u0000"]"#] {
            #expect(NULGuard.containsEscapedNUL(Array(json.utf8)), "\(json)")
        }
        for json in [#"{"a":"\\u0000"}"#, #"{"a":"u0000"}"#, #"{"a":"\u0001"}"#, #"{"a":"\"#, "\\"] {
            #expect(!NULGuard.containsEscapedNUL(Array(json.utf8)), "\(json)")
        }
    }
}
