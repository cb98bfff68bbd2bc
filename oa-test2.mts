import { OpenAPIBackend } from 'openapi-backend';
import { openApiSubset, readOpenApi } from './tests/support/fake-idp-admin/openapi-subset';
const t0 = Date.now();
const doc = readOpenApi('../shared/specs/okta-management-minimal.yaml');
console.log('read', Date.now()-t0);
const sub = openApiSubset(doc, [['post','/api/v1/apps'],['get','/api/v1/apps'],['put','/api/v1/apps/{appId}/groups/{groupId}']]);
const api = new OpenAPIBackend({ definition: sub as never, quick: true, validate: true, ajvOpts: { strict: false } });
await api.init();
console.log('init ms', Date.now() - t0);
for (const body of [{"label":"x","signOnMode":"SAML_2_0","settings":{"signOn":{"ssoAcsUrl":"https://a","audience":"b","allowMultipleAcsEndpoints":false,"assertionSigned":true,"honorForceAuthn":false,"requestCompressed":false,"responseSigned":true,"attributeStatements":[{"type":"EXPRESSION","name":"email","namespace":"urn:oasis:names:tc:SAML:2.0:attrname-format:basic","values":["user.email"]}]}}}, {"label":"x","signOnMode":"SAML_2_0","settings":{"signOn":{"ssoAcsUrl":"https://a","audience":"b","signatureAlgorithm":"RSA_SHA999"}}}]) {
const req = { method: 'post', path: '/api/v1/apps', headers: { 'content-type': 'application/json' }, body, query: {} };
const op = api.matchOperation(req);
const res = api.validateRequest(req, op!);
console.log(op?.operationId, 'valid', res.valid, JSON.stringify(res.errors)?.slice(0, 600));
}
