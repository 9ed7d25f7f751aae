// The times a visitor may book when nobody can call now, and the retry when the chosen one was
// taken meanwhile: the fresh times replace the old ones and the visitor is told why.
import { Component } from 'preact';
import type { BookingTimesProps } from '../contract';
import { zoneName } from '../live/format-slot';
import { fill } from '../fill';
import { chooseSlot } from './choose-slot';
import { SlotPicker } from './SlotPicker';
import { BOOKING_EN } from './texts';

interface State {
  /** Fresh times after a taken one (the server's), else null: the status's times. */
  fresh: string[] | null;
  choosing: string | null;
  error: string;
}

export class BookingTimes extends Component<BookingTimesProps, State> {
  state: State = { fresh: null, choosing: null, error: '' };

  componentWillReceiveProps(next: BookingTimesProps) {
    // A pushed status brings the current times: they win over an older 409's.
    if (next.slots !== this.props.slots) this.setState({ fresh: null });
  }

  choose = async (slot: string) => {
    if (this.state.choosing) return;
    const t = { ...BOOKING_EN, ...this.props.t };
    this.setState({ choosing: slot, error: '' });
    const r = await chooseSlot(this.props.origin, this.props.lead, slot);
    if (r && 'taken' in r) this.setState({ choosing: null, fresh: r.taken, error: t.slotTaken });
    else this.setState({ choosing: null, error: r ? '' : t.slotFailed });
    if (r && 'status' in r) this.props.onStatus(r.status);
  };

  render({ slots, lang, t }: BookingTimesProps, { fresh, choosing, error }: State) {
    const times = fresh || slots;
    const zone = times.length ? zoneName(times[0]!, lang) : '';
    return (
      <div class="booking">
        {error && (
          <p class="booking-error" role="alert" data-sixty-booking-error>
            {error}
          </p>
        )}
        <SlotPicker slots={times} lang={lang} zone={zone && fill(t.zone, { zone })} choosing={choosing} onChoose={this.choose} />
      </div>
    );
  }
}
