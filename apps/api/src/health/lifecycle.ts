import { Injectable } from '@nestjs/common';

/** Whether the process is shutting down; readiness turns false while in-flight requests drain. */
@Injectable()
export class Lifecycle {
  draining = false;
}
