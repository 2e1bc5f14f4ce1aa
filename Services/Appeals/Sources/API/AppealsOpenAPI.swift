import Foundation
import ServiceKit

/// The appeals API as OpenAPI 3.1 paths and components, served at `/openapi.json` and merged by the gateway.
///
/// The JSON below is plain data (no interpolation: the type checker chokes on large interpolated
/// literals). Operations marked `x-change` get the appeal ID, `If-Match`, and the changed appeal as the
/// answer; ``OpenAPIConventions`` adds what every service's operations share.
enum AppealsOpenAPI {
    static let paths = OpenAPIConventions.completed(withOpen311Errors(withChanges(OpenAPIConventions.decode(pathsJSON))))
    static let components = OpenAPIConventions.components(
        OpenAPIConventions.decode(componentsJSON), nullableInputs: ["NewAppeal", "Submitter", "NewEntry", "LocalizedTextInput"]
    )

    /// The error statuses an Open311 operation may answer: the kit's problem statuses, 405 and 415.
    private static let open311ErrorStatuses = ["400", "401", "403", "404", "405", "409", "412", "413", "415", "422", "428", "429"]

    /// Open311 operations answer errors as the standard's list, in the path's format; the gateway's own
    /// refusals (an unknown key, a body too large) stay problem details, so both are documented.
    private static func withOpen311Errors(_ paths: [String: JSONValue]) -> [String: JSONValue] {
        let reference: JSONValue = .object(["$ref": .string("#/components/responses/Open311Error")])
        return Dictionary(uniqueKeysWithValues: paths.map { path, item in
            guard path.hasPrefix("/open311/"), case .object(let operations) = item else { return (path, item) }
            return (path, .object(operations.mapValues { operation in
                guard case .object(var fields) = operation else { return operation }
                var responses = fields["responses"]?.objectValue ?? [:]
                for status in open311ErrorStatuses where responses[status] == nil { responses[status] = reference }
                fields["responses"] = .object(responses)
                return .object(fields)
            }))
        })
    }

    private static func withChanges(_ paths: [String: JSONValue]) -> [String: JSONValue] {
        paths.mapValues { item in
            guard case .object(let operations) = item else { return item }
            return .object(operations.mapValues { operation in
                guard case .object(var fields) = operation, fields.removeValue(forKey: "x-change") != nil else { return operation }
                fields["parameters"] = .array([
                    .object(["$ref": .string("#/components/parameters/AppealID")]),
                    .object(["$ref": .string("#/components/parameters/IfMatch")]),
                ] + (fields["parameters"]?.arrayValue ?? []))
                var responses = fields["responses"]?.objectValue ?? [:]
                responses["200"] = .object([
                    "description": .string("The changed appeal"),
                    "headers": .object(["ETag": .object(["schema": .object(["type": .string("string")])])]),
                    "content": .object(["application/json": .object(["schema": .object(["$ref": .string("#/components/schemas/Appeal")])])]),
                ])
                fields["responses"] = .object(responses)
                return .object(fields)
            })
        }
    }

    private static let pathsJSON = #"""
        {
          "/api/v1/appeals": {
            "post": {"summary": "Submit an appeal (anonymous allowed)", "security": [],
                     "parameters": [{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string", "maxLength": 255}}],
                     "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewAppeal"}}}},
                     "responses": {"201": {"description": "Received", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Receipt"}}}}}},
            "get": {"summary": "List appeals the caller may see",
                    "parameters": [
                      {"name": "status", "in": "query", "schema": {"type": "string"}},
                      {"name": "regionCode", "in": "query", "schema": {"$ref": "#/components/schemas/Region"}},
                      {"name": "categoryCode", "in": "query", "schema": {"type": "string"}},
                      {"name": "channel", "in": "query", "schema": {"$ref": "#/components/schemas/Channel"}},
                      {"name": "receivedFrom", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                      {"name": "receivedTo", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                      {"name": "overdue", "in": "query", "schema": {"type": "boolean"}},
                      {"name": "assignedToMe", "in": "query", "schema": {"type": "boolean"}},
                      {"name": "q", "in": "query", "schema": {"type": "string", "minLength": 2, "maxLength": 100}},
                      {"$ref": "#/components/parameters/Limit"}, {"$ref": "#/components/parameters/Cursor"}],
                    "responses": {"200": {"description": "A page of appeals", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AppealPage"}}}}}}
          },
          "/api/v1/appeals/track": {
            "post": {"summary": "Track an appeal by its tracking code, sent in the body so it stays out of access logs", "security": [],
                     "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["code"], "properties": {"code": {"type": "string", "maxLength": 64}}}}}},
                     "responses": {"200": {"description": "Status, public notes and published responses", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tracking"}}}}}}
          },
          "/api/v1/appeals/track/{code}": {
            "get": {"summary": "Track an appeal by its tracking code", "security": [],
                    "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "Status, public notes and published responses", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tracking"}}}}}}
          },
          "/api/v1/appeals/categories": {
            "get": {"summary": "The categories of appeals", "security": [], "parameters": [{"name": "includeRetired", "in": "query", "schema": {"type": "boolean"}, "description": "Also list retired entries"}], "responses": {"200": {"description": "Entries", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Entries"}}}}}},
            "post": {"summary": "Add a category (admins, coordinators)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewEntry"}}}},
                     "responses": {"201": {"description": "Added", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Entry"}}}}}}
          },
          "/api/v1/appeals/vulnerable-groups": {
            "get": {"summary": "The vulnerable groups", "security": [], "parameters": [{"name": "includeRetired", "in": "query", "schema": {"type": "boolean"}, "description": "Also list retired entries"}], "responses": {"200": {"description": "Entries", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Entries"}}}}}},
            "post": {"summary": "Add a vulnerable group (admins, coordinators)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewEntry"}}}},
                     "responses": {"201": {"description": "Added", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Entry"}}}}}}
          },
          "/api/v1/appeals/categories/{code}/retire": {
            "post": {"summary": "Retire a category: kept on old appeals, not offered for new ones (admins, coordinators)", "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
                     "responses": {"204": {"description": "Retired"}}}
          },
          "/api/v1/appeals/vulnerable-groups/{code}/retire": {
            "post": {"summary": "Retire a vulnerable group (admins, coordinators)", "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
                     "responses": {"204": {"description": "Retired"}}}
          },
          "/api/v1/appeals/published": {
            "get": {"summary": "Published (redacted) appeals", "security": [], "parameters": [{"$ref": "#/components/parameters/Limit"}, {"$ref": "#/components/parameters/Cursor"}],
                    "responses": {"200": {"description": "A page", "content": {"application/json": {"schema": {"type": "object", "required": ["items"],
                      "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/PublishedAppeal"}}, "nextCursor": {"type": "string"}}}}}}}}
          },
          "/api/v1/appeals/published/{id}": {
            "get": {"summary": "One published appeal with its published responses", "security": [], "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}, "description": "The public copy's ID from the list"}],
                    "responses": {"200": {"description": "The public copy", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PublishedAppeal"}}}}}}
          },
          "/api/v1/appeals/stats": {
            "get": {"summary": "Aggregates for staff and stakeholders",
                    "description": "Periods are receipt months (Asia/Bishkek), never finer: `from` and `to` are months, both included; anything finer (and the former `receivedFrom`/`receivedTo`) is a 400 `invalid_query`. Counts of 1 to 4 read \"<5\"; every other count, totals included, is rounded to the nearest multiple of 5, so no difference of counts singles out an appeal. Medians need at least 5 appeals.",
                    "parameters": [{"name": "from", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"}, "description": "First month, YYYY-MM"}, {"name": "to", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"}, "description": "Last month, YYYY-MM"}],
                    "responses": {"200": {"description": "Counts and medians", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Statistics"}}}}}}
          },
          "/api/v1/appeals/{id}": {
            "get": {"summary": "One appeal, as much as the caller may see", "parameters": [{"$ref": "#/components/parameters/AppealID"}],
                    "responses": {"200": {"description": "The appeal: in full, or for council members only what CouncilAppeal lists", "headers": {"ETag": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Appeal"}, {"$ref": "#/components/schemas/CouncilAppeal"}]}}}}}},
            "patch": {"summary": "Change staff fields: summary, sensitivity, category", "x-change": true, "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"staffSummary": {"type": "string", "maxLength": 4000, "description": "At most 4000 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"}, "isSensitive": {"type": "boolean"}, "categoryCode": {"$ref": "#/components/schemas/Code"}}}}}}}
          },
          "/api/v1/appeals/{id}/history": {
            "get": {"summary": "The history, fact-checks, referrals and responses", "parameters": [{"$ref": "#/components/parameters/AppealID"}],
                    "responses": {"200": {"description": "The case file", "content": {"application/json": {"schema": {"type": "object"}}}}}}
          },
          "/api/v1/appeals/{id}/transitions": {"post": {"summary": "Move the appeal to another status", "x-change": true, "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["to"], "properties": {"to": {"$ref": "#/components/schemas/Status"}, "note": {"type": "string", "maxLength": 4000, "description": "At most 4000 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"}, "publicNote": {"type": "string", "maxLength": 4000, "description": "At most 4000 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"}, "reason": {"enum": ["unfounded", "duplicate", "out_of_scope", "withdrawn"]}, "duplicateOf": {"type": "string", "format": "uuid"}}}}}}}},
          "/api/v1/appeals/{id}/verification": {"post": {"summary": "Record a fact-check", "x-change": true, "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["sourcesChecked", "evidenceNotes", "outcome"], "properties": {"sourcesChecked": {"type": "array", "minItems": 1, "maxItems": 50, "items": {"type": "string", "minLength": 1, "maxLength": 1000, "description": "At most 1000 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"}}, "evidenceNotes": {"type": "string", "maxLength": 16000, "description": "At most 16000 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"}, "outcome": {"enum": ["confirmed", "partly_confirmed", "not_confirmed", "inconclusive"]}}}}}}}},
          "/api/v1/appeals/{id}/assignment": {"put": {"summary": "Assign a verifier and a legal expert", "x-change": true, "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"verifier": {"type": ["string", "null"]}, "legalExpert": {"type": ["string", "null"]}}}}}}}},
          "/api/v1/appeals/{id}/referrals": {"post": {"summary": "Refer to a duty-bearer", "x-change": true, "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "oneOf": [{"required": ["organizationId"], "properties": {"bodyName": {"type": "null"}}}, {"required": ["bodyName"], "properties": {"organizationId": {"type": "null"}}}], "properties": {"organizationId": {"type": "string", "format": "uuid"}, "bodyName": {"type": "string", "minLength": 1, "pattern": "\\S", "maxLength": 600, "description": "At most 600 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"}, "sentAt": {"type": "string", "format": "date-time"}, "dueAt": {"type": "string", "format": "date-time"}}}}}}}},
          "/api/v1/appeals/{id}/referrals/{referralId}/reply": {"post": {"summary": "Record the duty-bearer's reply", "x-change": true, "parameters": [{"name": "referralId", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["reply"], "properties": {"reply": {"type": "string", "minLength": 1, "maxLength": 16000, "description": "At most 16000 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"}}}}}}}},
          "/api/v1/appeals/{id}/responses": {"post": {"summary": "Answer the appeal", "x-change": true, "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["text", "channel"], "properties": {"text": {"type": "string", "minLength": 1, "maxLength": 16000, "description": "At most 16000 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"}, "channel": {"enum": ["written", "broadcast", "hearing"]}, "reference": {"type": "string", "maxLength": 1000, "description": "At most 1000 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"}, "isPublic": {"type": "boolean"}}}}}}}},
          "/api/v1/appeals/{id}/extension": {"post": {"summary": "Extend the response deadline once", "x-change": true, "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["days", "reason"], "properties": {"days": {"type": "integer", "minimum": 1}, "reason": {"type": "string", "minLength": 1, "maxLength": 2000, "description": "At most 2000 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"}}}}}}}},
          "/api/v1/appeals/{id}/publication": {
            "post": {"summary": "Publish a redacted copy (verified appeals with consent)", "x-change": true, "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["title", "summary"], "properties": {"title": {"$ref": "#/components/schemas/LocalizedTextInput"}, "summary": {"$ref": "#/components/schemas/LocalizedTextInput"}, "isSensitive": {"type": "boolean"}, "publicLocality": {"type": "string", "maxLength": 200, "description": "Where, as written for the public (a district, a town); the appellant's own locality is never published"}}}}}}},
            "delete": {"summary": "Withdraw the public copy", "x-change": true}
          },
          "/open311/discovery.json": {"get": {"summary": "Open311: the service discovery document", "security": [], "responses": {"200": {"description": "Where the GeoReport v2 endpoint is and which formats it speaks", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Open311Discovery"}}}}}}},
          "/open311/discovery.xml": {"get": {"summary": "Open311: the service discovery document (XML)", "security": [], "responses": {"200": {"description": "The discovery document as XML", "content": {"text/xml": {"schema": {"type": "string"}}}}}}},
          "/open311/v2/services.json": {"get": {"summary": "Open311: the categories as services", "security": [], "responses": {"200": {"description": "Open311 services", "content": {"application/json": {"schema": {"type": "array"}}}}}}},
          "/open311/v2/services.xml": {"get": {"summary": "Open311: the categories as services (XML)", "security": [], "responses": {"200": {"description": "Open311 services as <services>", "content": {"text/xml": {"schema": {"type": "string"}}}}}}},
          "/open311/v2/services/{file}": {"get": {"summary": "Open311: a service definition (`<code>.json` or `<code>.xml`): its one attribute, the region", "security": [],
            "parameters": [{"name": "file", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[a-z][a-z0-9_]{1,49}\\.(json|xml)$"}}],
            "responses": {"200": {"description": "The service definition", "content": {"application/json": {"schema": {"type": "object"}}, "text/xml": {"schema": {"type": "string"}}}}}}},
          "/open311/v2/requests.json": {
            "get": {"summary": "Open311: published appeals", "security": [], "responses": {"200": {"description": "Open311 requests", "content": {"application/json": {"schema": {"type": "array"}}}}}},
            "post": {"summary": "Open311: partner intake (API key in X-API-Key or the api_key field)", "requestBody": {"required": true, "content": {"application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Open311Intake"}}}},
                     "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"type": "array"}}}}}}
          },
          "/open311/v2/requests.xml": {
            "get": {"summary": "Open311: published appeals (XML)", "security": [], "responses": {"200": {"description": "Open311 requests as <service_requests>", "content": {"text/xml": {"schema": {"type": "string"}}}}}},
            "post": {"summary": "Open311: partner intake (XML answer; API key in X-API-Key or the api_key field)", "requestBody": {"required": true, "content": {"application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Open311Intake"}}}},
                     "responses": {"201": {"description": "Created, as <service_requests>", "content": {"text/xml": {"schema": {"type": "string"}}}}}}
          },
          "/open311/v2/requests/{file}": {"get": {"summary": "Open311: one published appeal (`<id>.json` or `<id>.xml`)", "security": [], "parameters": [{"name": "file", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-fA-F-]{36}\\.(json|xml)$"}}],
            "responses": {"200": {"description": "Open311 requests", "content": {"application/json": {"schema": {"type": "array"}}, "text/xml": {"schema": {"type": "string"}}}}}}}
        }
        """#

    private static let componentsJSON = #"""
        {
          "responses": {
            "Open311Error": {"description": "GeoReport v2's error list in the path's format (one entry per invalid field); problem details when the gateway refuses the request itself",
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Open311Errors"}}, "text/xml": {"schema": {"type": "string"}}, "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
          },
          "parameters": {
            "AppealID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}
          },
          "schemas": {
            "Channel": {"enum": ["web", "facebook", "instagram", "telegram", "whatsapp", "hotline", "broadcast", "event", "email", "in_person", "partner"]},
            "Status": {"enum": ["received", "in_verification", "verified", "referred", "answered", "closed", "rejected"]},
            "Submitter": {"type": "object", "properties": {"name": {"type": "string", "maxLength": 400, "description": "At most 400 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"}, "phone": {"type": "string", "maxLength": 40}, "email": {"type": "string", "maxLength": 254}, "gender": {"enum": ["female", "male", "other", "undisclosed"]}, "ageGroup": {"enum": ["under_18", "18_29", "30_44", "45_59", "60_plus"]}, "vulnerableGroups": {"type": "array", "maxItems": 12, "items": {"type": "string"}}}},
            "NewAppeal": {"type": "object", "required": ["channel", "regionCode", "categoryCode", "language", "description", "consent"],
              "properties": {"channel": {"$ref": "#/components/schemas/Channel"}, "regionCode": {"$ref": "#/components/schemas/Region"}, "locality": {"type": "string", "maxLength": 400, "description": "At most 400 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"},
                             "categoryCode": {"$ref": "#/components/schemas/Code"}, "language": {"enum": ["ky", "ru", "en"]}, "description": {"type": "string", "minLength": 1, "maxLength": 16000, "description": "At most 16000 bytes in UTF-8 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"},
                             "submitter": {"$ref": "#/components/schemas/Submitter"}, "consent": {"type": "object", "required": ["contact", "publication"], "properties": {"contact": {"type": "boolean"}, "publication": {"type": "boolean"}}}}},
            "Receipt": {"type": "object", "required": ["id", "status", "responseDueAt"], "properties": {"id": {"type": "string", "format": "uuid"}, "trackingCode": {"type": "string", "description": "Shown once, in the first answer; a replay (Idempotent-Replayed: true) leaves it out and says so in replayNotice"}, "replayNotice": {"type": "string"}, "status": {"$ref": "#/components/schemas/Status"}, "responseDueAt": {"type": "string", "format": "date-time"}}},
            "Tracking": {"type": "object", "required": ["status", "lastUpdatedAt", "responseDueAt", "notes", "responses"], "properties": {"status": {"$ref": "#/components/schemas/Status"}, "lastUpdatedAt": {"type": "string", "format": "date-time"}, "responseDueAt": {"type": "string", "format": "date-time"}, "notes": {"type": "array"}, "responses": {"type": "array"}}},
            "Appeal": {"type": "object", "required": ["id", "channel", "regionCode", "categoryCode", "status", "receivedAt", "responseDueAt", "version"],
              "properties": {"id": {"type": "string", "format": "uuid"}, "channel": {"$ref": "#/components/schemas/Channel"}, "regionCode": {"$ref": "#/components/schemas/Region"}, "categoryCode": {"type": "string"},
                             "description": {"type": "string", "description": "Only for those who may see personal data"}, "submitter": {"$ref": "#/components/schemas/Submitter"},
                             "status": {"$ref": "#/components/schemas/Status"}, "isOverdue": {"type": "boolean"}, "receivedAt": {"type": "string", "format": "date-time"}, "responseDueAt": {"type": "string", "format": "date-time"}, "version": {"type": "integer"}}},
            "CouncilAppeal": {"type": "object", "additionalProperties": false, "required": ["id", "status", "regionCode", "responseDueAt", "isOverdue"],
              "description": "What a public council member sees: no personal or special-category data. For an appeal marked sensitive only id, status, regionCode, responseDueAt and isOverdue.",
              "properties": {"id": {"type": "string", "format": "uuid"}, "status": {"$ref": "#/components/schemas/Status"}, "regionCode": {"$ref": "#/components/schemas/Region"}, "categoryCode": {"type": "string"}, "channel": {"$ref": "#/components/schemas/Channel"},
                             "receivedAt": {"type": "string", "format": "date-time"}, "verifiedAt": {"type": "string", "format": "date-time"}, "answeredAt": {"type": "string", "format": "date-time"}, "closedAt": {"type": "string", "format": "date-time"},
                             "responseDueAt": {"type": "string", "format": "date-time"}, "isOverdue": {"type": "boolean"}, "publicTitle": {"$ref": "#/components/schemas/LocalizedText"}, "publicSummary": {"$ref": "#/components/schemas/LocalizedText"}}},
            "Count": {"oneOf": [{"type": "integer", "minimum": 0, "multipleOf": 5}, {"const": "<5"}], "description": "0; \"<5\" for 1 to 4; otherwise rounded to the nearest multiple of 5"},
            "Counts": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Count"}},
            "Statistics": {"type": "object", "required": ["total", "overdue", "byStatus", "byRegion", "byCategory", "byChannel", "byGender", "byAgeGroup", "byVulnerableGroup", "byMonth"],
              "properties": {"from": {"type": "string"}, "to": {"type": "string"}, "total": {"$ref": "#/components/schemas/Count"}, "overdue": {"$ref": "#/components/schemas/Count"},
                             "byStatus": {"$ref": "#/components/schemas/Counts"}, "byRegion": {"$ref": "#/components/schemas/Counts"}, "byCategory": {"$ref": "#/components/schemas/Counts"}, "byChannel": {"$ref": "#/components/schemas/Counts"},
                             "byGender": {"$ref": "#/components/schemas/Counts"}, "byAgeGroup": {"$ref": "#/components/schemas/Counts"}, "byVulnerableGroup": {"$ref": "#/components/schemas/Counts"}, "byMonth": {"$ref": "#/components/schemas/Counts"},
                             "medianDaysToVerification": {"type": ["number", "null"]}, "medianDaysToAnswer": {"type": ["number", "null"]}}},
            "AppealPage": {"type": "object", "required": ["items", "overdueCount"], "properties": {"items": {"type": "array", "items": {"oneOf": [{"$ref": "#/components/schemas/Appeal"}, {"$ref": "#/components/schemas/CouncilAppeal"}]}}, "nextCursor": {"type": "string"}, "overdueCount": {"type": "integer", "minimum": 0, "description": "Appeals matching the filters, on all pages, that are open past their deadline"}}},
            "PublishedAppeal": {"type": "object", "required": ["id", "title", "summary", "regionCode", "categoryCode", "status", "publishedOn"],
              "properties": {"id": {"type": "string", "format": "uuid", "description": "The public copy's own random ID, not the appeal's"}, "title": {"$ref": "#/components/schemas/LocalizedText"}, "summary": {"$ref": "#/components/schemas/LocalizedText"}, "regionCode": {"$ref": "#/components/schemas/Region"},
                             "locality": {"type": "string", "description": "Written by the verifier for the public; absent for sensitive cases"}, "categoryCode": {"type": "string"}, "status": {"$ref": "#/components/schemas/Status"}, "publishedOn": {"type": "string", "format": "date", "description": "Day of publication in Asia/Bishkek; no other date is shown"}, "responses": {"type": "array"}}},
            "Entry": {"type": "object", "required": ["code", "name", "isRetired"], "properties": {"code": {"type": "string"}, "name": {"$ref": "#/components/schemas/LocalizedText"}, "isRetired": {"type": "boolean"}}},
            "Entries": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Entry"}}}},
            "NewEntry": {"type": "object", "required": ["code", "name"], "properties": {"code": {"$ref": "#/components/schemas/Code"}, "name": {"allOf": [{"$ref": "#/components/schemas/LocalizedTextInput"}], "required": ["ky", "ru", "en"]}}},
            "Code": {"type": "string", "pattern": "^[a-z][a-z0-9_]{1,49}$"},
            "Open311Intake": {"type": "object", "required": ["service_code", "description"], "description": "Also needs the region: attribute[region_code] (the service definition's attribute) or region_code",
              "properties": {"api_key": {"type": "string", "description": "The partner's API key, when not sent as X-API-Key"}, "service_code": {"type": "string"}, "description": {"type": "string", "minLength": 1, "maxLength": 16000},
                             "attribute[region_code]": {"$ref": "#/components/schemas/Region"}, "region_code": {"$ref": "#/components/schemas/Region"},
                             "address_string": {"type": "string", "maxLength": 400}, "first_name": {"type": "string"}, "last_name": {"type": "string"}, "email": {"type": "string", "maxLength": 254}, "phone": {"type": "string", "maxLength": 40}}},
            "Open311Errors": {"type": "array", "description": "GeoReport v2's error list: code is the HTTP status, error_code our stable code", "items": {"type": "object", "required": ["code", "description", "error_code"], "properties": {"code": {"type": "integer"}, "description": {"type": "string"}, "error_code": {"type": "string"}}}},
            "Open311Discovery": {"type": "object", "required": ["changeset", "endpoints"], "properties": {"changeset": {"type": "string", "format": "date-time"}, "contact": {"type": "string"}, "key_service": {"type": "string"},
              "endpoints": {"type": "array", "items": {"type": "object", "properties": {"specification": {"type": "string"}, "url": {"type": "string"}, "changeset": {"type": "string", "format": "date-time"}, "type": {"type": "string"}, "formats": {"type": "array", "items": {"type": "string"}}}}}}},
            "LocalizedTextInput": {"type": "object", "minProperties": 1, "properties": {"ky": {"$ref": "#/components/schemas/Text"}, "ru": {"$ref": "#/components/schemas/Text"}, "en": {"$ref": "#/components/schemas/Text"}}},
            "Text": {"type": "string", "minLength": 1, "pattern": "\\S", "maxLength": 8000, "description": "Not blank; names and titles at most 400 bytes in UTF-8, summaries 8000 (a Cyrillic letter takes 2); no character may carry more than 4 combining marks"}
          }
        }
        """#
}
