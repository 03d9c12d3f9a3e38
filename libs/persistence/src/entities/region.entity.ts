import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 行政区划: one node of the province → city → county → township → village tree. */
@Entity('regions')
export class RegionEntity {
  /** 12-digit administrative division code (行政区划代码). */
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  level: 'province' | 'city' | 'county' | 'township' | 'village';

  @Column({ name: 'parent_code', type: 'varchar', length: 12, nullable: true })
  parentCode: string | null;
}
