import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { EmployerRegisteredV1, Topics } from '@jobbspar/contracts';
import { isEvent, type ReceivedEvent } from '@jobbspar/messaging';

/** Workplaces for internships: every employer registered in employer-service. */
@Controller()
export class EmployerEventsConsumer {
  @EventPattern(Topics.employers)
  async onEmployerEvent(event: ReceivedEvent): Promise<void> {
    if (!isEvent(event, EmployerRegisteredV1)) return;
    const p = event.payload;
    await event.em.query(
      `INSERT INTO candidate.workplaces (workplace_id, name, municipality_code) VALUES ($1, $2, $3)
       ON CONFLICT (workplace_id) DO UPDATE SET name = $2, municipality_code = $3`,
      [p.employerId, p.name, p.municipalityCode],
    );
  }
}
