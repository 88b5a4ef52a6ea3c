import { z } from 'zod';

/**
 * Force → district (local authority / NPU) → ward, with ONS codes and boundary vintages.
 * Wards change (8 of 12 West Midlands/West Yorkshire districts got new codes in May 2026), so a
 * ward code always belongs to one vintage and results record the vintage they used.
 */

/** A boundary vintage, `YYYY-MM`, e.g. `2025-05` for the May 2025 ONS wards. */
export const VintageSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use the form YYYY-MM, e.g. 2025-05.');
export type Vintage = z.infer<typeof VintageSchema>;

/** ONS GSS codes: wards are E05/W05/S13/N08; districts E06–E09/W06/S12/N09. */
export const WardCodeSchema = z.string().regex(/^(E05|W05|S13|N08)\d{6}$/, 'An ONS ward code looks like E05001278.');
export const DistrictCodeSchema = z.string().regex(/^(E06|E07|E08|E09|W06|S12|N09)\d{6}$/, 'An ONS district code looks like E08000028.');

export const WardSchema = z.object({
  code: WardCodeSchema,
  name: z.string().min(1),
  districtCode: DistrictCodeSchema,
  districtName: z.string().min(1),
  vintage: VintageSchema,
  /** [longitude, latitude] of a point inside the ward, for labels and "near me". */
  centroid: z.tuple([z.number(), z.number()]).optional(),
});
export type Ward = z.infer<typeof WardSchema>;

export const DistrictSchema = z.object({
  code: DistrictCodeSchema,
  name: z.string().min(1),
  vintage: VintageSchema,
  wardCount: z.number().int().min(0),
});
export type District = z.infer<typeof DistrictSchema>;

/** Impact Areas (WMP has 19) and Neighbourhood Policing Teams are named sets of wards. */
export const AreaKindSchema = z.enum(['impact-area', 'npt']);
export type AreaKind = z.infer<typeof AreaKindSchema>;

export const AreaSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,80}$/),
  kind: AreaKindSchema,
  name: z.string().trim().min(1).max(120),
  vintage: VintageSchema,
  wardCodes: z.array(WardCodeSchema).min(1),
});
export type Area = z.infer<typeof AreaSchema>;

/** One imported set of boundaries: what the force's geography is, at which vintage. */
export const BoundarySetSchema = z.object({
  vintage: VintageSchema,
  wardCount: z.number().int().min(1),
  districtCount: z.number().int().min(1),
  source: z.string(),
  importedAt: z.iso.datetime(),
  importedBy: z.string(),
  /** Size of the simplified map layer, for the phone budget. */
  mapBytes: z.number().int().min(0),
  /** True for the generated demo geography, so no screen mistakes it for a real force. */
  demo: z.boolean().default(false),
});
export type BoundarySet = z.infer<typeof BoundarySetSchema>;

/** Where a postcode is; the postcode itself is never stored with a response. */
export const PostcodeLocationSchema = z.object({
  postcode: z.string(),
  wardCode: WardCodeSchema,
  wardName: z.string().optional(),
  districtCode: DistrictCodeSchema.optional(),
  districtName: z.string().optional(),
  /** The boundary vintage the ward belongs to, when the ward is in the imported boundaries. */
  vintage: VintageSchema.optional(),
  /** The vintage of the postcode lookup file the row came from (e.g. `2024-08` for NSPL Aug 2024). */
  lookupVintage: VintageSchema,
  terminated: z.boolean(),
  /** False when the lookup's ward code is not in the imported boundary vintage. */
  inBoundaryVintage: z.boolean(),
});
export type PostcodeLocation = z.infer<typeof PostcodeLocationSchema>;

export const WardCandidateSchema = z.object({
  wardCode: WardCodeSchema,
  wardName: z.string().optional(),
  districtName: z.string().optional(),
  postcodes: z.number().int().min(1),
  share: z.number().min(0).max(1),
});
export type WardCandidate = z.infer<typeof WardCandidateSchema>;
