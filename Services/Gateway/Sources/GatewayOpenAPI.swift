import Foundation
import ServiceKit

/// The gateway's own API as OpenAPI 3.1 (sign-in, the directory, API keys, the audit log), the start of
/// the merged `/openapi.json`. It also declares how callers authenticate, which every service's
/// operations inherit unless they say `"security": []` (public).
///
/// Plain JSON, no interpolation: the type checker chokes on large interpolated literals.
enum GatewayOpenAPI {
    static let paths = OpenAPIConventions.completed(OpenAPIConventions.decode(pathsJSON))
    static let components = OpenAPIConventions.components(OpenAPIConventions.decode(componentsJSON), nullableInputs: ["NewUser", "NewOrganization"])
    /// Signed-in users send a bearer token; partner systems an API key.
    static let security: [JSONValue] = [.object(["bearer": .array([])]), .object(["apiKey": .array([])])]

    private static let pathsJSON = #"""
        {
          "/api/v1/auth/login": {"post": {"summary": "Sign in with email and password", "security": [],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["email", "password"],
              "properties": {"email": {"type": "string", "maxLength": 254}, "password": {"type": "string", "maxLength": 1024}}}}}},
            "description": "The email is compared normalised (NFKC, case-folded). Failed attempts are slowed per account and client: a few are free, then each further one must wait twice as long as the last (429 too_many_attempts with Retry-After); once an account has had many failures from all clients, every client that has failed on it waits from its first failure. A client that has not failed is never held back. The answer is the same whatever the reason (unknown email, wrong password, disabled account or organisation). Sent with Cache-Control: no-store.",
            "responses": {"200": {"description": "A session", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Session"}}}}}}},
          "/api/v1/auth/refresh": {"post": {"summary": "Trade a refresh token for a new session (the old token is spent)", "security": [],
            "description": "Refresh tokens are revoked when the user's roles, organisation, email or password change, or the user or their organisation is disabled. Sent with Cache-Control: no-store.",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RefreshToken"}}}},
            "responses": {"200": {"description": "A session", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Session"}}}}}}},
          "/api/v1/auth/logout": {"post": {"summary": "End the session the refresh token belongs to", "security": [],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RefreshToken"}}}},
            "responses": {"204": {"description": "Signed out"}}}},
          "/api/v1/auth/me": {"get": {"summary": "The signed-in user",
            "responses": {"200": {"description": "The user", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}}},
          "/api/v1/organizations": {
            "post": {"summary": "Register an organisation (admins, coordinators)",
              "parameters": [{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string", "maxLength": 255}}],
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewOrganization"}}}},
              "responses": {"201": {"description": "Registered", "headers": {"ETag": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Organization"}}}}}},
            "get": {"summary": "The organisations",
              "parameters": [{"name": "type", "in": "query", "schema": {"$ref": "#/components/schemas/OrganizationType"}},
                             {"name": "regionCode", "in": "query", "schema": {"$ref": "#/components/schemas/Region"}},
                             {"name": "includeDisabled", "in": "query", "schema": {"type": "boolean"}},
                             {"$ref": "#/components/parameters/Limit"}, {"$ref": "#/components/parameters/Cursor"}],
              "responses": {"200": {"description": "A page", "content": {"application/json": {"schema": {"type": "object", "required": ["items"],
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Organization"}}, "nextCursor": {"type": "string"}}}}}}}}
          },
          "/api/v1/organizations/{id}": {
            "get": {"summary": "One organisation", "parameters": [{"$ref": "#/components/parameters/ID"}],
              "responses": {"200": {"description": "The organisation", "headers": {"ETag": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Organization"}}}}}},
            "patch": {"summary": "Change an organisation (admins, coordinators)", "parameters": [{"$ref": "#/components/parameters/ID"}, {"$ref": "#/components/parameters/IfMatch"}],
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {
                "type": {"$ref": "#/components/schemas/OrganizationType"}, "name": {"$ref": "#/components/schemas/LocalizedText"}, "regionCode": {"$ref": "#/components/schemas/Region"}}}}}},
              "responses": {"200": {"description": "Changed", "headers": {"ETag": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Organization"}}}}}}
          },
          "/api/v1/organizations/{id}/disable": {"post": {"summary": "Disable an organisation and what acts for it (admins, coordinators)",
            "description": "Its members can no longer sign in and their sessions end; its API keys are revoked for good. Disabling a disabled organisation changes nothing.",
            "parameters": [{"$ref": "#/components/parameters/ID"}, {"$ref": "#/components/parameters/IfMatch"}],
            "responses": {"200": {"description": "Disabled", "headers": {"ETag": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Organization"}}}}}}},
          "/api/v1/organizations/{id}/enable": {"post": {"summary": "Enable a disabled organisation again (admins, coordinators)",
            "description": "Its members may sign in again; its revoked API keys stay revoked. Enabling an enabled organisation changes nothing.",
            "parameters": [{"$ref": "#/components/parameters/ID"}, {"$ref": "#/components/parameters/IfMatch"}],
            "responses": {"200": {"description": "Enabled", "headers": {"ETag": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Organization"}}}}}}},
          "/api/v1/users": {
            "post": {"summary": "Create a user (admins; coordinators for their organisation's roles)",
              "description": "The email is stored normalised (NFKC, case-folded). One with control or invisible characters is refused (422, errors.email); one that is, or looks the same as, another account's is refused (409 email_taken, email_confusable).",
              "parameters": [{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string", "maxLength": 255}}],
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewUser"}}}},
              "responses": {"201": {"description": "Created", "headers": {"ETag": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}},
            "get": {"summary": "The users the caller may see",
              "parameters": [{"name": "organizationId", "in": "query", "schema": {"type": "string", "format": "uuid"}},
                             {"name": "role", "in": "query", "schema": {"$ref": "#/components/schemas/Role"}},
                             {"name": "includeDisabled", "in": "query", "schema": {"type": "boolean"}},
                             {"$ref": "#/components/parameters/Limit"}, {"$ref": "#/components/parameters/Cursor"}],
              "responses": {"200": {"description": "A page", "content": {"application/json": {"schema": {"type": "object", "required": ["items"],
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/User"}}, "nextCursor": {"type": "string"}}}}}}}}
          },
          "/api/v1/users/{id}": {
            "get": {"summary": "One user", "parameters": [{"$ref": "#/components/parameters/ID"}],
              "responses": {"200": {"description": "The user", "headers": {"ETag": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}},
            "patch": {"summary": "Change a user; an explicit null organizationId removes the organisation",
              "description": "A change of roles, organisation, email or password ends the user's sessions: their refresh tokens are revoked and their access tokens refused (401 invalid_token). Emails are checked as on creation.", "parameters": [{"$ref": "#/components/parameters/ID"}, {"$ref": "#/components/parameters/IfMatch"}],
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {
                "email": {"type": "string", "maxLength": 254}, "displayName": {"type": "string", "maxLength": 200}, "password": {"type": "string", "minLength": 12, "maxLength": 72, "description": "At most 72 bytes"},
                "roles": {"type": "array", "items": {"$ref": "#/components/schemas/Role"}}, "organizationId": {"type": ["string", "null"], "format": "uuid"}}}}}},
              "responses": {"200": {"description": "Changed", "headers": {"ETag": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}}
          },
          "/api/v1/users/{id}/disable": {"post": {"summary": "Disable a user: their sessions end", "parameters": [{"$ref": "#/components/parameters/ID"}],
            "responses": {"200": {"description": "Disabled", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}}},
          "/api/v1/users/{id}/enable": {"post": {"summary": "Enable a user again", "parameters": [{"$ref": "#/components/parameters/ID"}],
            "responses": {"200": {"description": "Enabled", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}}},
          "/api/v1/api-keys": {
            "post": {"summary": "Issue an API key for a partner organisation (admins); the key is shown only here",
              "parameters": [{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string", "maxLength": 255}}],
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["organizationId", "name", "scopes"], "properties": {
                "organizationId": {"type": "string", "format": "uuid"}, "name": {"type": "string", "minLength": 1, "maxLength": 100},
                "scopes": {"type": "array", "minItems": 1, "maxItems": 20, "items": {"$ref": "#/components/schemas/Scope"}},
                "expiresAt": {"type": "string", "format": "date-time", "description": "When the key stops working by itself (in the future); absent: until revoked"}}}}}},
              "responses": {"201": {"description": "Issued; sent with Cache-Control: no-store", "content": {"application/json": {"schema": {"type": "object", "required": ["apiKey"],
                "properties": {"key": {"type": "string", "description": "Send as X-API-Key; shown only once: a replay (Idempotent-Replayed: true) leaves it out and says so in replayNotice"}, "apiKey": {"$ref": "#/components/schemas/APIKey"}, "replayNotice": {"type": "string"}}}}}}}},
            "get": {"summary": "API keys (admins: any organisation; partners: their own)",
              "parameters": [{"name": "organizationId", "in": "query", "schema": {"type": "string", "format": "uuid"}},
                             {"name": "includeRevoked", "in": "query", "schema": {"type": "boolean"}},
                             {"$ref": "#/components/parameters/Limit"}, {"$ref": "#/components/parameters/Cursor"}],
              "responses": {"200": {"description": "A page", "content": {"application/json": {"schema": {"type": "object", "required": ["items"],
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/APIKey"}}, "nextCursor": {"type": "string"}}}}}}}}
          },
          "/api/v1/api-keys/{id}": {"delete": {"summary": "Revoke an API key", "parameters": [{"$ref": "#/components/parameters/ID"}],
            "responses": {"204": {"description": "Revoked"}}}},
          "/api/v1/audit": {"get": {"summary": "The audit log of sign-ins and directory changes (admins)",
            "parameters": [{"name": "action", "in": "query", "schema": {"type": "string"}}, {"name": "actor", "in": "query", "schema": {"type": "string"}},
                           {"name": "targetId", "in": "query", "schema": {"type": "string"}},
                           {"name": "from", "in": "query", "schema": {"type": "string", "format": "date-time"}}, {"name": "to", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                           {"$ref": "#/components/parameters/Limit"}, {"$ref": "#/components/parameters/Cursor"}],
            "responses": {"200": {"description": "A page, newest first", "content": {"application/json": {"schema": {"type": "object", "required": ["items"],
              "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEntry"}}, "nextCursor": {"type": "string"}}}}}}}}}
        }
        """#

    private static let componentsJSON = #"""
        {
          "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT", "description": "The accessToken from POST /api/v1/auth/login"},
            "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key", "description": "A partner organisation's key from POST /api/v1/api-keys"}
          },
          "parameters": {
            "ID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}
          },
          "schemas": {
            "Role": {"enum": ["admin", "coordinator", "verifier", "legal_expert", "council_member", "journalist", "cso_partner", "stakeholder"]},
            "OrganizationType": {"enum": ["public_council", "cso", "media_outlet", "state_body", "ombudsman_office", "project_team"]},
            "Scope": {"type": "string", "pattern": "^(appeals|events|media|broadcasts|knowledge|grants):(read|write)$"},
            "RefreshToken": {"type": "object", "required": ["refreshToken"], "properties": {"refreshToken": {"type": "string"}}},
            "Session": {"type": "object", "required": ["accessToken", "refreshToken", "tokenType", "expiresIn", "user"], "properties": {
              "accessToken": {"type": "string"}, "refreshToken": {"type": "string"}, "tokenType": {"const": "Bearer"}, "expiresIn": {"type": "integer"}, "user": {"$ref": "#/components/schemas/User"}}},
            "User": {"type": "object", "required": ["id", "email", "displayName", "roles", "isDisabled", "version", "createdAt", "updatedAt"], "properties": {
              "id": {"type": "string", "format": "uuid"}, "email": {"type": "string"}, "displayName": {"type": "string"}, "roles": {"type": "array", "items": {"$ref": "#/components/schemas/Role"}},
              "organizationId": {"type": "string", "format": "uuid"}, "isDisabled": {"type": "boolean"}, "version": {"type": "integer"},
              "createdAt": {"type": "string", "format": "date-time"}, "updatedAt": {"type": "string", "format": "date-time"}}},
            "NewUser": {"type": "object", "required": ["email", "displayName", "password", "roles"], "properties": {
              "email": {"type": "string", "maxLength": 254}, "displayName": {"type": "string", "minLength": 1, "maxLength": 200}, "password": {"type": "string", "minLength": 12, "maxLength": 72, "description": "At most 72 bytes"},
              "roles": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/Role"}}, "organizationId": {"type": "string", "format": "uuid"}}},
            "Organization": {"type": "object", "required": ["id", "type", "name", "isDisabled", "version", "createdAt", "updatedAt"], "properties": {
              "id": {"type": "string", "format": "uuid"}, "type": {"$ref": "#/components/schemas/OrganizationType"}, "name": {"$ref": "#/components/schemas/LocalizedText"},
              "regionCode": {"$ref": "#/components/schemas/Region"}, "isDisabled": {"type": "boolean"}, "version": {"type": "integer"},
              "createdAt": {"type": "string", "format": "date-time"}, "updatedAt": {"type": "string", "format": "date-time"}}},
            "NewOrganization": {"type": "object", "required": ["type", "name"], "properties": {
              "type": {"$ref": "#/components/schemas/OrganizationType"}, "name": {"$ref": "#/components/schemas/LocalizedText"}, "regionCode": {"$ref": "#/components/schemas/Region"}}},
            "APIKey": {"type": "object", "required": ["id", "organizationId", "name", "prefix", "scopes", "createdBy", "createdAt"], "properties": {
              "id": {"type": "string", "format": "uuid"}, "organizationId": {"type": "string", "format": "uuid"}, "name": {"type": "string"}, "prefix": {"type": "string"},
              "scopes": {"type": "array", "items": {"$ref": "#/components/schemas/Scope"}}, "createdBy": {"type": "string"}, "createdAt": {"type": "string", "format": "date-time"},
              "lastUsedAt": {"type": "string", "format": "date-time"}, "revokedAt": {"type": "string", "format": "date-time"}, "expiresAt": {"type": "string", "format": "date-time"}}},
            "AuditEntry": {"type": "object", "required": ["id", "occurredAt", "actor", "action", "targetType"], "properties": {
              "id": {"type": "string", "format": "uuid"}, "occurredAt": {"type": "string", "format": "date-time"}, "actor": {"type": "string"}, "action": {"type": "string"},
              "targetType": {"type": "string"}, "targetId": {"type": "string"}, "details": {"type": "object", "additionalProperties": {"type": "string"}}}}
          }
        }
        """#
}
