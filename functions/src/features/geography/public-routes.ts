import type { PublicEnv } from '../../api/context.ts';
import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError, parsePostcodeQuery, PostcodeLocationSchema, ValidationError, VintageSchema, WardCandidateSchema } from '@wardpulse/domain';
import { createRouter, errorResponse, jsonBody, jsonResponse } from '../../api/router.ts';


// ---------------------------------------------------------------- residents (no account)

// Postcodes travel in POST bodies, never in URLs: CloudFront and API Gateway log every URL, and a
// postcode with a time and an address is close to identifying a resident.

const postcodeRoute = createRoute({
  method: 'post',
  path: '/postcodes/lookup',
  tags: ['residents'],
  summary: 'Which ward a full postcode is in',
  description: 'Accepts any case and spacing (`b661aa`, `B66 1AA`). Only the ward is ever kept with a response; the postcode is not logged.',
  request: jsonBody(z.object({ postcode: z.string().max(16).openapi({ example: 'B66 1AA' }) }).meta({ id: 'PostcodeLookup' })),
  responses: {
    200: jsonResponse(PostcodeLocationSchema.meta({ id: 'PostcodeLocation' }), 'The ward, district and vintage.'),
    404: errorResponse('Not a postcode in this force area.'),
    422: errorResponse('Not a full UK postcode (a partial one gets a hint to use /postcode-areas).'),
  },
});

const candidatesRoute = createRoute({
  method: 'post',
  path: '/postcode-areas/lookup',
  tags: ['residents'],
  summary: 'Candidate wards for a partial postcode (district `B66` or sector `B66 1`)',
  request: jsonBody(z.object({ partial: z.string().max(16).openapi({ example: 'B66 1' }) }).meta({ id: 'PostcodeAreaLookup' })),
  responses: {
    200: jsonResponse(z.object({ partial: z.string(), candidates: z.array(WardCandidateSchema) }).meta({ id: 'WardCandidates' }), 'Wards, most postcodes first, with counts and shares.'),
    404: errorResponse('No postcodes of this force start like that.'),
    422: errorResponse('Not a postcode district or sector.'),
  },
});

const WardChoiceSchema = z
  .object({
    vintage: VintageSchema.nullable(),
    demo: z.boolean(),
    districts: z.array(z.object({ code: z.string(), name: z.string(), wards: z.array(z.object({ code: z.string(), name: z.string() })) })),
  })
  .meta({ id: 'WardChoices' });

const wardChoiceRoute = createRoute({
  method: 'get',
  path: '/wards',
  tags: ['residents'],
  summary: '"Choose your ward": the live vintage’s wards, grouped by district',
  responses: { 200: jsonResponse(WardChoiceSchema, 'Districts and their wards, alphabetical.') },
});

const mapRoute = createRoute({
  method: 'get',
  path: '/geography/map',
  tags: ['residents'],
  summary: 'The simplified ward boundaries (TopoJSON) of a vintage, for maps',
  request: { query: z.object({ vintage: VintageSchema.optional() }) },
  responses: {
    200: { description: 'TopoJSON topology with a `wards` object; properties code, name, districtCode, districtName.', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
    404: errorResponse('No boundaries imported for that vintage.'),
  },
});

export const publicGeographyRoutes = createRouter<PublicEnv>()
  .openapi(postcodeRoute, async (c) => {
    const query = parsePostcodeQuery(c.req.valid('json').postcode);
    if (query.kind !== 'full') {
      const hint = query.kind === 'invalid' ? query.reason : 'That is only part of a postcode: use /api/public/postcode-areas/lookup to list the wards it covers.';
      throw new ValidationError(hint, [{ path: ['postcode'], message: hint }], 'postcode.malformed');
    }
    const location = await c.var.deps.repositories.geography.getPostcode(query.postcode);
    if (!location) throw new NotFoundError(`We do not have ${query.postcode} in this force area. Check it, or choose your ward from the list.`, 'postcode.not_found');
    return c.json(location, 200);
  })
  .openapi(candidatesRoute, async (c) => {
    const query = parsePostcodeQuery(c.req.valid('json').partial);
    if (query.kind !== 'district' && query.kind !== 'sector') {
      const message = query.kind === 'full' ? 'That is a full postcode: use /api/public/postcodes/lookup.' : query.reason;
      throw new ValidationError(message, [{ path: ['partial'], message }], 'postcode.malformed');
    }
    const partial = query.kind === 'district' ? query.district : query.sector;
    const candidates = await c.var.deps.repositories.geography.getCandidates(partial);
    if (candidates.length === 0) throw new NotFoundError(`No postcodes in this force area start with ${partial}.`, 'postcode.not_found');
    return c.json({ partial, candidates }, 200);
  })
  .openapi(wardChoiceRoute, async (c) => {
    const { geography } = c.var.deps.repositories;
    const vintage = await geography.currentVintage();
    if (!vintage) return c.json({ vintage: null, demo: false, districts: [] }, 200);
    const [set, wards] = await Promise.all([geography.getBoundarySet(vintage), geography.listWards(vintage)]);
    const districts = new Map<string, { code: string; name: string; wards: { code: string; name: string }[] }>();
    for (const ward of wards) {
      const district = districts.get(ward.districtCode) ?? { code: ward.districtCode, name: ward.districtName, wards: [] };
      district.wards.push({ code: ward.code, name: ward.name });
      districts.set(ward.districtCode, district);
    }
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ vintage, demo: set?.demo ?? false, districts: [...districts.values()] }, 200);
  })
  .openapi(mapRoute, async (c) => {
    const { geography } = c.var.deps.repositories;
    const vintage = c.req.valid('query').vintage ?? (await geography.currentVintage());
    const map = vintage ? await geography.getMap(vintage) : null;
    if (!map) throw new NotFoundError(vintage ? `No boundaries have been imported for ${vintage}.` : 'No boundaries have been imported yet.', 'geography.no_boundaries');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(map, 200, { 'Content-Type': 'application/json; charset=utf-8' }) as never;
  });

