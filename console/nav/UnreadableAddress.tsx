// preact-iso decodes `:params` with decodeURIComponent, which throws on a broken %-escape
// (`/console/sites/%E0%A4%A/rules`, a mangled pasted link). That is an address that names no
// page: this boundary shows `fallback` for it instead of a blank console, until the address changes.
import { Component, type ComponentChildren } from 'preact';

interface Props {
  /** The address: a new one is tried again. */
  url: string;
  fallback: ComponentChildren;
  children: ComponentChildren;
}

export class UnreadableAddress extends Component<Props, { unreadable: boolean }> {
  state = { unreadable: false };

  static getDerivedStateFromError(err: unknown) {
    if (err instanceof URIError) return { unreadable: true };
    throw err;
  }

  componentDidUpdate(previous: Props) {
    if (previous.url !== this.props.url && this.state.unreadable) this.setState({ unreadable: false });
  }

  render() {
    return this.state.unreadable ? this.props.fallback : this.props.children;
  }
}
