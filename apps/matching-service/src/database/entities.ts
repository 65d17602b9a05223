/** Every TypeORM entity of this service. */
export const ENTITIES: Function[] = [];
