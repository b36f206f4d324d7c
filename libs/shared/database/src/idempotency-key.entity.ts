import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An Idempotency-Key a user sent with a creating mutation, and what that mutation created. Written
 * in the transaction that creates the row, so a key is never kept without its row, nor a row
 * acknowledged without its key.
 */
@Entity('idempotency_keys')
@Index('idempotency_keys_created_at_idx', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('text')
  key: string;

  /** The mutation, e.g. `reportProblem`. */
  @Column('text')
  operation: string;

  /** SHA-256 (hex) of the operation and its input: the same key with another body is refused. */
  @Column('text')
  requestHash: string;

  /** The id of the row the first request created. */
  @Column('uuid')
  resultId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
