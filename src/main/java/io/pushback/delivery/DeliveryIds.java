package io.pushback.delivery;

/**
 * Hands out delivery ids from blocks this node reserves in the store ({@code delivery_id_block}),
 * so that an id is known before its row is written and no two nodes ever hand out the same one. A
 * block is reserved by a committed write, so ids are never reused after a crash; the unused rest of
 * a block is skipped. Ids grow on each node; across nodes they interleave by block. Never call from
 * inside a write of the {@link DeliveryWriter}. Thread-safe.
 */
final class DeliveryIds {
  /** Ids reserved at a time: one reservation (one commit) per so many deliveries. */
  static final int BLOCK_SIZE = 1_000;

  private final DeliveryWriter writer;
  private long next;
  private long end;

  DeliveryIds(DeliveryWriter writer) {
    this.writer = writer;
  }

  /** A fresh id; reserves the next block when this one is used up. */
  synchronized long next() {
    if (next == end) {
      long blockEnd =
          writer.write(
              h ->
                  h.createQuery(
                          "UPDATE delivery_id_block SET next_id = next_id + ? WHERE id = 1 RETURNING next_id")
                      .bind(0, BLOCK_SIZE)
                      .mapTo(Long.class)
                      .one());
      next = blockEnd - BLOCK_SIZE;
      end = blockEnd;
    }
    return next++;
  }
}
