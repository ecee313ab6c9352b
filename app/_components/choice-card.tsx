// A radio group drawn as cards (checked: dark border on paper), each with its title and an optional line
// under it: payment methods at checkout and on a retry, the e-sign document and how to sign. Uncontrolled
// with `defaultValue`, controlled with `value` + `onChange`.

type Choice = { value: string; title: React.ReactNode; description?: React.ReactNode };

export function ChoiceCards({
  name,
  choices,
  defaultValue,
  value,
  onChange,
  badge,
  className,
  descriptionTone = "soft",
}: {
  name: string;
  choices: readonly Choice[];
  defaultValue?: string;
  value?: string;
  onChange?: (value: string) => void;
  /** drawn between the radio and the title */
  badge?: React.ReactNode;
  className?: string;
  descriptionTone?: "soft" | "mute";
}) {
  const tone = descriptionTone === "mute" ? "text-ink-mute" : "text-ink-soft";
  return choices.map((c) => (
    <label
      key={c.value}
      className={`flex cursor-pointer items-center gap-3 rounded-xl border border-line p-3 has-[:checked]:border-ink has-[:checked]:bg-paper ${className ?? ""}`}
    >
      <input
        type="radio"
        name={name}
        value={c.value}
        className="size-4 accent-black"
        {...(value === undefined
          ? { defaultChecked: c.value === defaultValue }
          : { checked: c.value === value, onChange: () => onChange?.(c.value) })}
      />
      {badge}
      <span className="min-w-0">
        <span className="block font-medium">{c.title}</span>
        {c.description && <span className={`block text-xs ${tone}`}>{c.description}</span>}
      </span>
    </label>
  ));
}

/** Payment methods as choices. */
export const methodChoices = (methods: readonly { id: string; label: string; description: string }[]) =>
  methods.map((m) => ({ value: m.id, title: m.label, description: m.description }));
